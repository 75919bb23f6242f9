"""Login's second step (TOTP), enrolling a TOTP device, and the lockout page."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from xiaoneng.audit.log import record
from xiaoneng.web.second_factor import SESSION_NOT_NEEDED, confirmed_device, required_for


class CodeForm(forms.Form):
    code = forms.RegexField(label=_("Six-digit code"), regex=r"^\s*\d{6}\s*$", error_messages={
        "invalid": _("Enter the six digits your authenticator shows."),
        "required": _("Enter the six digits your authenticator shows."),
    })

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: the code of the enrolled device."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("web:second_factor_setup")
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            record("auth.second_factor_passed", actor=request.user, request=request)
            return redirect(_safe_next(request))
        record("auth.second_factor_failed", actor=request.user, request=request)
        form.add_error("code", _("The code is wrong or has expired. Wait for the next code and try again."))
    return render(request, "web/second_factor.html", {"form": form, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the key as a QR code, confirm with one code."""
    if confirmed_device(request.user) is not None and not request.user.is_verified():
        return redirect("web:second_factor")
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record("auth.second_factor_enrolled", actor=request.user, request=request,
                       target=request.user)
            otp_login(request, device)
            request.session.pop(SESSION_NOT_NEEDED, None)
            return redirect("web:home")
        form.add_error("code", _("The code is wrong or has expired. Wait for the next code and try again."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=str(_("Authenticator key")))
    return render(request, "web/second_factor_setup.html", {
        "form": form, "qr_svg": qr, "key": base64.b32encode(device.bin_key).decode(),
        "required": required_for(request.user),
        "enrolled": confirmed_device(request.user) is not None,
    })


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """What django-axes answers once an account or an address has too many failed logins."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "web/locked_out.html", {"minutes": minutes}, status=429)
