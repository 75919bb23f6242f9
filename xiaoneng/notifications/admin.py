from django.contrib import admin

from xiaoneng.notifications.models import ChannelRule, Delivery, Preference


@admin.register(ChannelRule)
class ChannelRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "email", "sms", "wechat"]
    list_editable = ["email", "sms", "wechat"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "sms", "wechat"]
    raw_id_fields = ["user"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "address", "state", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "channel"]
    readonly_fields = ["notification", "channel", "address", "key", "attempts", "created_at", "sent_at",
                       "last_error", "claimed_until", "claim_token"]
