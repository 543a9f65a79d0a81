"""Core events. A receiver that lives in a plugin only hears about towns that enabled that plugin."""

from django.dispatch import Signal
from django.dispatch.dispatcher import NO_RECEIVERS

from .registry import is_enabled, plugin_for_module


class TownSignal(Signal):
    """Like Django's Signal, but `send(sender, town=...)` skips receivers of plugins the town has not enabled
    (pretix delivers event signals the same way)."""

    def _receiver_allowed(self, receiver, town):
        module = getattr(receiver, "__module__", None) or type(receiver).__module__
        plugin = plugin_for_module(module)
        return plugin is None or is_enabled(town, plugin.label)

    def send(self, sender, town, **named):
        if not self.receivers or self.sender_receivers_cache.get(sender) is NO_RECEIVERS:
            return []
        sync_receivers, _async = self._live_receivers(sender)
        return [
            (receiver, receiver(signal=self, sender=sender, town=town, **named))
            for receiver in sync_receivers
            if self._receiver_allowed(receiver, town)
        ]

    def send_robust(self, sender, town, **named):
        responses = []
        sync_receivers, _async = self._live_receivers(sender)
        for receiver in sync_receivers:
            if not self._receiver_allowed(receiver, town):
                continue
            try:
                responses.append((receiver, receiver(signal=self, sender=sender, town=town, **named)))
            except Exception as exc:  # noqa: BLE001 - the contract of send_robust
                responses.append((receiver, exc))
        return responses


#: A town was created (by `create_town`, the admin or the demo loader). Sent to every plugin.
town_created = Signal()
#: A town switched a plugin on; `plugin` is the plugin's label. Sent to every receiver.
plugin_enabled = Signal()
#: A town switched a plugin off; `plugin` is the plugin's label. Sent to every receiver.
plugin_disabled = Signal()
#: A page of a town was published; `page` is the specific page. Plugin receivers hear only their towns.
page_published = TownSignal()
#: A text message queued through the `sms` service failed for good (refused, retries exhausted, an undelivered
#: receipt, the number's daily budget): `event`, `params`, `reason`, `message` (the outbox row). Plugin receivers
#: hear only their towns; the plugin that queued the event can note it where it belongs (a case's trail).
sms_failed = TownSignal()
