from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from stages.views import healthz

urlpatterns = [
    # For load balancers (and the benchmark's baseline): no language, no content, no template.
    path("healthz", healthz, name="healthz"),
]

# zh-Hans is unprefixed; /zh-hant/... and /en/... carry their language in the path,
# so a language choice needs no cookie and every link can be shared.
urlpatterns += i18n_patterns(
    path("", include("stages.urls")),
    prefix_default_language=False,
)

handler400 = "overdue_help.middleware.bad_request"
handler404 = "stages.views.page_not_found"
handler500 = "stages.views.server_error"
