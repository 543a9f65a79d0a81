"""The staff member's own two-factor page, reached from the account menu (账号设置 → 更多操作 → 两步验证)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import twofactor
from .forms import CodeForm
from .views import backup_codes_page, enrol_context


@never_cache
def overview(request):
    user = request.user
    return render(request, "cunwu/accounts/two_factor.html", {
        "enrolled": twofactor.enrolled(user), "required": twofactor.required_for(user),
        "remaining": twofactor.remaining_backup_codes(user),
    })


@never_cache
def enrol(request):
    if twofactor.enrolled(request.user):
        return redirect("cunwu_2fa")
    device = twofactor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)  # this session has now shown the second factor too
            return backup_codes_page(request, codes, reverse("cunwu_2fa"))
        form.add_error("code", _("This code is not right. Check the time on your phone and try the newest code."))
    return render(request, "cunwu/accounts/enrol.html", enrol_context(device, form))


@require_POST
def new_codes(request):
    if not twofactor.enrolled(request.user):
        return redirect("cunwu_2fa")
    return backup_codes_page(request, twofactor.new_backup_codes(request.user), reverse("cunwu_2fa"))


@require_POST
def turn_off(request):
    if twofactor.required_for(request.user):
        messages.error(request, _("Two-step sign-in is required for your account and cannot be turned off."))
    else:
        twofactor.remove(request.user)
        messages.success(request, _("Two-step sign-in is off. Only your password is asked when you sign in."))
    return redirect("cunwu_2fa")
