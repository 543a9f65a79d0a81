"""短信: the SMS outbox every plugin sends through (`api.get_service("sms", town)`), its providers and templates."""
