"""The limits of the broadcast page's two public forms (see cunwu.plugins.api.FormGuard)."""

from cunwu.plugins import api

# Sign-ups: a household signs up one or two phones for a meeting; an address signing up dozens of numbers is
# someone making the town pay for texts to strangers. One phone is signed up for at most a few broadcasts a day.
REMIND = ("livestream-remind", api.GuardLimits(per_ip="10/h", per_phone="5/d", challenge_after=2, challenge_window="1h"))
# Questions: a lively meeting may draw several from one family phone, but not a stream; the challenge comes
# after 3 in ten minutes, so a script cannot flood the moderators' queue.
ASK = ("livestream-ask", api.GuardLimits(per_ip="10/h", challenge_after=3, challenge_window="10m"))


def guard(request, which):
    return api.FormGuard(request, *which)
