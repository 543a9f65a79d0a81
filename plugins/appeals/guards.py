"""The limits on the plugin's public forms (api.FormGuard), and why each number is what it is.

Villagers often share one address: a village office's computer, or a mobile carrier's NAT that puts a whole town
behind a few addresses. So the hard limits per address are loose and the picture challenge comes early: it
costs a villager one look, costs a script everything, and a villager filing one or two matters never sees it.
"""

# name: (per address, hard; per phone number, hard; challenge after this many accepted in the window; window)
LIMITS = {
    # A villager files one matter, an office clerk helping elders a few: the challenge from the 4th in an hour.
    # Five a day per mobile number across the form and Open311 (they share the name): the town's SMS receipts
    # go to that number, and the SMS plugin's own daily budget per number (10) is never the only brake.
    "submit": ("30/h", "5/d", 3, "1h"),
    # Every check counts (right or wrong), so guessing the last four digits meets the challenge at once; the
    # case itself locks after a few wrong digits (lookup.py), which stops guessing from many addresses too.
    "lookup": ("30/h", "5/d", 5, "1h"),
    # A case is rated once; more than a few ratings from one address in an hour is a script.
    "rate": ("20/h", "5/d", 5, "1h"),
}

# Open311 clients are programs (a hotline's system, an app): they cannot read a picture, so the API never asks
# the challenge (its accepted requests are not counted towards it) and has a tighter hard limit per address
# instead. It shares the submit form's name, hence its per-number budget (5 a day, form and API together).
OPEN311 = ("10/h", "5/d", 3, "1h")


def limits(name):
    from cunwu.plugins import api

    per_ip, per_phone, challenge_after, window = OPEN311 if name == "open311" else LIMITS[name]
    return api.GuardLimits(per_ip=per_ip, per_phone=per_phone, challenge_after=challenge_after, challenge_window=window)


def guard(request, name):
    from cunwu.plugins import api

    return api.FormGuard(request, f"appeals-{'submit' if name == 'open311' else name}", limits(name))
