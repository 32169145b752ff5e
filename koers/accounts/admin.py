from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from koers.accounts import services
from koers.accounts.models import Invite, Membership, User, Workspace


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Koers", {"fields": ("language",)}))


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class WorkspaceForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=lambda: [(z, z) for z in services.known_time_zones()])

    class Meta:
        model = Workspace
        fields = ["name", "slug", "time_zone"]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    form = WorkspaceForm
    list_display = ["name", "slug", "time_zone", "created_at"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        if "time_zone" in form.changed_data:
            # Through the rule: the open invitations keep their last day in the new zone. The
            # admin saves the whole form in one transaction, so they move with the setting.
            services.change_time_zone(obj, form.cleaned_data["time_zone"])
        # Only what the form changed: the row's revision moved since the admin read it (the
        # invitations just moved raised it), and writing it back would set it back. The admin
        # checks no version of its own, but a settings page opened before this save must not
        # overwrite it unseen: raising the version makes that one a conflict.
        obj.version += 1
        changed = [name for name in form.changed_data if name != "time_zone"]
        obj.save(update_fields=[*changed, "version"])


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["email", "workspace", "role", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    exclude = ["token"]
