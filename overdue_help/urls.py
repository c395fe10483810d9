from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from stages.views import default_language, healthz

urlpatterns = [
    # For load balancers (and the benchmark's baseline): no language, no content, no template.
    path("healthz", healthz, name="healthz"),
    # The default language has no prefix; /zh-hans/plan/ is where people guess it lives.
    re_path(
        r"^zh-(?:hans|Hans|HANS)(?:/(?P<rest>.*))?$", default_language, name="default_language"
    ),
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
