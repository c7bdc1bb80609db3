"""Django settings for the drop-in's tests: Ahmia's view (tests/ahmia_copy) behind the mixin, nothing else."""
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = "waymark-ahmia-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "ahmia.test", "ahmiatestonionaddress.onion"]
ROOT_URLCONF = "tests.urls"
INSTALLED_APPS = ["django.contrib.contenttypes"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [str(HERE / "ahmia_copy" / "templates")],
}]
DATABASES = {}
USE_TZ = False
# As Ahmia's settings.py: en-us, no LocaleMiddleware.
LANGUAGE_CODE = "en-us"
USE_I18N = True

# Ahmia's own settings that its view reads. Its list is read from nginx's banned_terms.map; here, a made-up term.
SALT = "waymark-ahmia-tests"
ELASTICSEARCH_INDEX = "latest-tor"
FILTER_TERMS_AND_SHOW_HELP = ["quenlocal"]

# The drop-in's settings; the tests point WAYMARK_OPERATOR_URL at a real Waymark or at a stand-in server.
WAYMARK_OPERATOR_URL = "http://127.0.0.1:9"
WAYMARK_PUBLIC_URL = "https://waymark.example"
WAYMARK_ONION_URL = "http://waymarkexampleonion.onion"
WAYMARK_DEADLINE = 1.0
WAYMARK_FILTER_DEADLINE = 1.0
WAYMARK_BREAKER_FAILURES = 3
WAYMARK_BREAKER_COOLDOWN = 30.0
