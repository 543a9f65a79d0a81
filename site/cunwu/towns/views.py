from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


@require_POST
def toggle_elder_mode(request):
    """Large text and high contrast for elderly villagers; remembered in a cookie for a year."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie("elder", "0" if request.COOKIES.get("elder") == "1" else "1", max_age=365 * 24 * 3600, samesite="Lax")
    return response


def ping(request):
    """No database, no template: the floor a benchmark compares page views against."""
    return HttpResponse("pong", content_type="text/plain")
