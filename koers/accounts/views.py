"""Account, workspace and member views; thin wrappers around services.py."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts import services, throttle
from koers.accounts.forms import (
    InviteForm,
    LoginForm,
    ProfileForm,
    RoleForm,
    SignupForm,
    WorkspaceForm,
)
from koers.accounts.models import Invite, Membership, roles_explained
from koers.accounts.permissions import (
    Can,
    capabilities_of,
    get_membership_for,
    grantable_roles,
    someone_can_edit,
)
from koers.lib.redirects import safe_next


class SafeNextMixin:
    """Django's login and logout views check `next` themselves; routing them through the one
    helper keeps a single rule for every return address."""

    def get_redirect_url(self):
        return safe_next(self.request, "", self.redirect_field_name)


class LoginView(SafeNextMixin, auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        _remember_language(response, form.get_user().language)
        return response

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(
            **kwargs,
            sso=bool(settings.OIDC_ISSUER),
            sso_label=settings.SSO_BUTTON_LABEL,
            passwords=settings.SSO_PASSWORD_LOGIN,
        )


def _remember_language(response, language: str) -> None:
    from django.conf import settings

    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
        )


class LogoutView(SafeNextMixin, auth_views.LogoutView):
    pass


@require_http_methods(["GET", "POST"])
def signup(request):
    from django.conf import settings

    if request.user.is_authenticated:
        return redirect("core:home")
    if not settings.SSO_PASSWORD_LOGIN:  # accounts come from single sign-on only
        return redirect("accounts:login")
    invite = services.find_open_invite(request.GET.get("invite", ""))
    initial = {"email": invite.email} if invite else {}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        user.language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("nl", "en") else ""
        user.save(update_fields=["language"])
        login(request, user, backend="koers.accounts.backends.UsernameOrEmailBackend")
        if invite:
            return redirect("accounts:accept_invite", token=invite.token)
        messages.success(request, _("Welcome to Koers. Create a workspace for your team to start."))
        return redirect("accounts:workspace_new")
    return render(request, "accounts/signup.html", {"form": form, "invite": invite})


@require_POST
def change_language(request):
    language = request.POST.get("language", "")
    response = redirect(safe_next(request, reverse("core:home")))
    if language in ("nl", "en"):
        if request.user.is_authenticated:
            services.set_language(request.user, language)
        _remember_language(response, language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        response = redirect("accounts:profile")
        _remember_language(response, user.language)
        messages.success(request, _("Your profile is saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def workspace_new(request):
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workspace = services.create_workspace(form.cleaned_data["name"], request.user)
        messages.success(request, _("Workspace created. You are its OGSM owner."))
        return redirect("plans:workspace", slug=workspace.slug)
    return render(request, "accounts/workspace_new.html", {"form": form})


def _members_with_invited_address(workspace):
    # Each person's roles on single plans (koers.plans.roles), so the owner sees the exceptions
    # to the workspace roles; by name, since accounts sits below the plans app. One query.
    plan_roles = Prefetch(
        "user__plan_roles",
        queryset=apps.get_model("plans", "PlanRole")
        .objects.filter(plan__workspace=workspace)
        .select_related("plan")
        .order_by("plan__name"),
        to_attr="roles_on_plans",
    )
    members = list(
        workspace.memberships.select_related("user")
        .prefetch_related(plan_roles)
        .order_by("role", "user__username")
    )
    invited = services.invited_addresses(workspace)
    for m in members:
        m.invited_as = invited.get(m.user_id, "")
    return members


def _plans_nobody_can_edit(workspace, members) -> list:
    """The workspace's current plans that a change of workspace roles (or a departure) left
    without anyone who can edit them (`permissions.someone_can_edit`); a role manager can give
    one back on the plan's roles page. One query: the plan roles came with `members`."""
    workspace_roles = {m.user_id: m.role for m in members}
    plan_roles: dict = {}
    for m in members:
        for plan_role in m.user.roles_on_plans:
            plan_roles.setdefault(plan_role.plan_id, {})[m.user_id] = plan_role.role
    plans = (
        apps.get_model("plans", "Plan")
        .objects.filter(workspace=workspace, archived_at__isnull=True)
        .order_by("name", "pk")
        .only("pk", "name", "workspace_id")
    )
    return [p for p in plans if not someone_can_edit(workspace_roles, plan_roles.get(p.pk, {}))]


def _members_page(request, membership, invite_form=None, status=200):
    workspace = membership.workspace
    members = _members_with_invited_address(workspace)
    context = {
        "workspace": workspace,
        "membership": membership,
        "can": capabilities_of(membership),
        "members": members,
        "invites": services.open_invites(membership, request),
        # Shown to role managers, who can give each plan an editor again.
        "uneditable_plans": _plans_nobody_can_edit(workspace, members),
        "invite_form": invite_form or InviteForm(grantable=grantable_roles(membership)),
        "role_form": RoleForm(),
        "roles_explained": roles_explained(),
        # Came from an owner picker ("Invite someone…"): the invitation goes back there.
        "next": safe_next(request, ""),
    }
    template = "accounts/members.html#members" if request.htmx else "accounts/members.html"
    return render(request, template, context, status=status)


@login_required
@require_safe
def members(request, slug):
    membership = get_membership_for(request, slug)
    return _members_page(request, membership)


@login_required
@require_POST
def invite(request, slug):
    membership = get_membership_for(request, slug, need=Can.INVITE)
    form = InviteForm(request.POST, grantable=grantable_roles(membership))
    if form.is_valid():
        try:
            created = services.create_invite(
                membership.workspace,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                request.user,
                request=request,
                name=form.cleaned_data["name"],
            )
        except services.MembershipError as error:
            form.add_error("email", str(error))
        else:
            if created.resent:
                text = _("%(email)s was already invited: the invitation is sent again.")
            else:
                text = _("Invitation sent to %(email)s.")
            messages.success(request, text % {"email": created.email})
            back = safe_next(request, "")
            if back:  # from an owner picker: the invited person can be chosen there now
                return redirect(back)
            if not request.htmx:
                return redirect("accounts:members", slug=slug)
            return _members_page(request, membership)
    return _members_page(request, membership, invite_form=form, status=422)


@login_required
@require_POST
def revoke_invite(request, slug, invite_id):
    membership = get_membership_for(request, slug, need=Can.INVITE)
    invite_obj = get_object_or_404(Invite, pk=invite_id, workspace=membership.workspace)
    unowned = services.revoke_invite(invite_obj)
    messages.success(request, _("The invitation is withdrawn."))
    if unowned:
        text = ngettext(
            "%(count)s item %(name)s was to own has no owner now: %(titles)s. Choose an owner.",
            "%(count)s items %(name)s was to own have no owner now: %(titles)s. Choose owners.",
            len(unowned),
        )
        names = {"count": len(unowned), "name": invite_obj.name or invite_obj.email}
        messages.warning(request, text % {**names, "titles": ", ".join(unowned)})
    return redirect("accounts:members", slug=slug)


def _other_membership(membership, member_id):
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=member_id, workspace=membership.workspace
    )


@login_required
@require_POST
def change_role(request, slug, member_id):
    membership = get_membership_for(request, slug, need=Can.MANAGE_ROLES)
    target = _other_membership(membership, member_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(target, form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
        except services.MembershipError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("accounts:members", slug=slug)


@login_required
@require_POST
def remove_member(request, slug, member_id):
    membership = get_membership_for(request, slug, need=Can.MANAGE_ROLES)
    target = _other_membership(membership, member_id)
    try:
        services.remove_member(target)
        messages.success(request, _("%(name)s left the workspace.") % {"name": target.user})
    except services.MembershipError as error:
        messages.error(request, str(error))
    return redirect("accounts:members", slug=slug)


@require_http_methods(["GET", "POST"])
def accept_invite(request, token):
    invite_obj = services.find_open_invite(token)
    if invite_obj is None:
        return render(request, "accounts/invite_invalid.html", status=410)
    if not request.user.is_authenticated:
        return render(request, "accounts/invite_welcome.html", {"invite": invite_obj})
    context = {
        "invite": invite_obj,
        "elsewhere": services.invited_elsewhere(invite_obj, request.user),
    }
    if request.method == "POST":
        try:
            membership = services.accept_invite(
                token, request.user, confirmed=request.POST.get("confirm") == "yes"
            )
        except services.MembershipError as error:
            context["error"] = str(error)
            return render(request, "accounts/invite_accept.html", context, status=422)
        messages.success(
            request, _("You joined %(workspace)s.") % {"workspace": membership.workspace}
        )
        if membership.handed_over:
            text = ngettext(
                "You own %(count)s item in the plan: it was waiting for you.",
                "You own %(count)s items in the plan: they were waiting for you.",
                membership.handed_over,
            )
            messages.info(request, text % {"count": membership.handed_over})
        return redirect("plans:workspace", slug=membership.workspace.slug)
    return render(request, "accounts/invite_accept.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with a limit on the mails per account and per address, so the form
    cannot be used to flood someone's inbox."""

    def form_valid(self, form):
        if not throttle.password_reset_allowed(
            form.cleaned_data["email"], throttle.client_address(self.request)
        ):
            form.add_error(
                None,
                _("Too many reset requests. Check your inbox, or try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:profile"),
)
