"""Personal data and hostile input: masking, the villager's address, uploads, the audit trail, private files.

Part of the plugin API: plugins import these from `cunwu.plugins.api`, never from here."""

def mask_text(text):
    """Free text with every mobile, ID and bank card number masked (for public pages and log lines)."""
    from cunwu.towns.privacy import mask_text as mask

    return mask(text)


def mask_phone(phone):
    """13812345678 → 138****5678."""
    from cunwu.towns.privacy import mask_phone as mask

    return mask(phone)


def mask_name(name):
    """张三明 → 张*明, 李四 → 李*."""
    from cunwu.towns.privacy import mask_name as mask

    return mask(name)


def mask_id_number(value):
    """Only the last four characters of an ID or bank number stay readable."""
    from cunwu.towns.privacy import mask_id_number as mask

    return mask(value)


def client_ip(request):
    """The villager's address, also behind the town's trusted reverse proxies: key every limit on it."""
    from cunwu.security.clientip import client_ip as address

    return address(request)


def check_upload(upload, kinds=("image", "pdf"), max_bytes=None):
    """(file, content_type) to store for an upload judged by its content, or raises UploadRefused (a
    ValidationError in Chinese). Images come back re-encoded without metadata; active PDFs are refused."""
    from cunwu.security.uploads import check_upload as check

    return check(upload, kinds, max_bytes)


def audit(request_or_user, town, action, target="", **detail):
    """Add a line to the town's audit trail (read by its discipline supervisor): every export or view of
    personal data in bulk. `detail` must hold no unmasked personal data."""
    from cunwu.security.audit import audit as record

    return record(request_or_user, town, action, target, **detail)


def register_audit_action(code, label):
    """Label (a lazy translation) one of your audit action codes on the town's audit trail screen; call it in ready()."""
    from cunwu.security.audit import register_action

    register_action(code, label)


def private_file_response(request, field_file, town, permission, download_name=None):
    """Serve a stored private file (e.g. a villager's attachment) to staff who hold `permission` in `town`;
    403 for anyone else. Private files are never under a public /media/ address."""
    from cunwu.security.private_files import private_file_response as serve

    return serve(request, field_file, town, permission, download_name)
