"""
A faithful copy of the parts of Ahmia's ahmia/views.py that a search runs through, for the tests of the
Waymark drop-in (integrations/ahmia). Copied from https://github.com/ahmia/ahmia-site at commit
c5b64fca5c09cae30444bbe0d82e21c0d96bda53 (2026-08-21), under Ahmia's BSD 3-Clause licence (LICENSE beside
this file). Unchanged except:
- only the imports these functions use are kept;
- the Elasticsearch client is replaced by a stand-in index (no Elasticsearch runs in the tests): the tests
  set the hits it returns;
- the views between TokenMixin and ElasticsearchBaseListView, and between ElasticsearchBaseListView and
  help_page, which a search never reaches, are left out.
Everything from `def help_page` to the end of the file, the token functions and ElasticsearchBaseListView
are verbatim.
"""
import time
import hashlib
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.template import loader
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.generic import ListView
from django.shortcuts import redirect


class StandInIndex:
    """Stands in for Ahmia's Elasticsearch client: returns the hits a test sets, in Elasticsearch's shape."""
    hits = []

    def search(self, **kwargs):
        return {"hits": {"total": len(self.hits), "hits": [{"_source": dict(hit)} for hit in self.hits]}}


es_client = StandInIndex()

SECRET_SALT = settings.SALT

def generate_token(minute=None):
    """Return a 6-char rolling token that changes every minute."""
    if minute is None:
        minute = int(time.time() // 60)
    raw = f"{SECRET_SALT}:{minute}"
    digest = hashlib.sha1(raw.encode()).hexdigest()
    return digest[:6]

def rotating_field_names():
    """Return a 6-char rolling field names for 60 minutes."""
    field_names_60 = []
    now_minute = int(time.time() // 60)
    for i in range(0, 60):  # current + previous 60 minutes
        minute = now_minute - i
        raw = f"{SECRET_SALT}:{minute}"
        digest = hashlib.sha1(raw.encode()).hexdigest()[6:12]
        field_names_60.append(digest)
    return field_names_60

def valid_token(token):
    """Check if token matches any of the last 60 minutes."""
    now_minute = int(time.time() // 60)
    for i in range(0, 60):  # current + previous 60 minutes
        if token == generate_token(now_minute - i):
            return True
    return False

class TokenMixin:
    """Injects a rolling search_token into the context for templates with a search form."""
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_token"] = generate_token()
        context["token_field"] = rotating_field_names()[0]
        return context

class ElasticsearchBaseListView(TokenMixin, ListView):
    """Base view to display lists of items coming from Elasticsearch."""
    object_list = None

    def get_es_context(self, **kwargs):
        """Define Elasticsearch search context. Must be overridden in subclasses."""
        raise NotImplementedError

    def format_hits(self, hits):
        """Format the Elasticsearch search results."""
        return hits

    def get_queryset(self, **kwargs):
        """Perform the search query to Elasticsearch and return formatted hits."""
        hits = es_client.search(**self.get_es_context(**kwargs))
        return self.format_hits(hits)

    def get(self, request, *args, **kwargs):
        """Handle GET requests and inject the search results into the context."""
        self.object_list = self.get_queryset(**kwargs)
        context = self.get_context_data(object_list=self.object_list, **kwargs)
        return self.render_to_response(context)

def help_page(query):
    """ Return Help page """
    allowed = [45, 95] + list(range(48, 58)) + list(range(97, 123))
    query = ''.join([i if ord(i) in allowed else '_' for i in query.lower()])
    tests = [
        {
            "test": "0", # 0. Neutral message
            "title_en": "ReDirection | Self-Help Program",
            "paragraph_en_1": "ReDirection is a self-help program which aims to help you stop viewing sexual images of children.",
            "paragraph_en_2": "You can take the first step to change your behaviour by accessing support through the ReDirection program.",
            "paragraph_en_3": "The ReDirection program is accessible in the Tor network:",
            "title_es": "ReDirección | Programa de Autoayuda",
            "paragraph_es_1": "ReDirección es un programa de autoayuda, cuyo objetivo es ayudarte a dejar de ver imágenes sexuales de niños/as.",
            "paragraph_es_2": "Puedes dar el primer paso para cambiar tu comportamiento accediendo a apoyo a través del programa ReDirección.",
            "paragraph_es_3": "El programa ReDirección es accesible a través del navegador Tor:",
        },
        {
            "test": "1", # Harm Negative-Framed + Legal Positive-Framed
            "title_en": "ReDirection | Child sexual abuse imagery causes harm to children and is illegal.",
            "paragraph_en_1": "Searching for and viewing sexual images of children harms children and is illegal. Getting professional help may reduce the risk of arrest and help you keep your relationships, your job, and your freedom.",
            "paragraph_en_2": "A single click and you can take the first step to change your behaviour by accessing support through the ReDirection program.",
            "paragraph_en_3": "The ReDirection program is accessible in the Tor network:",
            "title_es": "ReDirección | Las imágenes de abuso sexual infantil causan daño a los niños y las niñas y son ilegales.",
            "paragraph_es_1": "Buscar y ver imágenes sexuales de niños y niñas causa daño a los menores y es ilegal. Recibir ayuda profesional puede reducir el riesgo de detención y ayudarte a conservar tus relaciones, tu empleo y tu libertad.",
            "paragraph_es_2": "Puedes dar el primer paso para cambiar tu comportamiento accediendo a apoyo a través del programa ReDirección.",
            "paragraph_es_3": "El programa ReDirección es accesible a través del navegador Tor:"
        },
        {
            "test": "2", # Harm Negative-Framed + Legal Positive-Framed
            "title_en": "ReDirection | Viewing child sexual abuse imagery harms children and puts you at risk.",
            "paragraph_en_1": "Every time sexual images of children are viewed, real children are harmed. This behaviour is illegal, but seeking professional help now may lower the risk of arrest and help protect your future.",
            "paragraph_en_2": "A single click and you can take the first step to change your behaviour by accessing support through the ReDirection program.",
            "paragraph_en_3": "The ReDirection program is accessible in the Tor network:",
            "title_es": "ReDirección | Ver imágenes de abuso sexual infantil daña a los niños y te pone en riesgo.",
            "paragraph_es_1": "Cada vez que se ven imágenes sexuales de niños y niñas, se causa daño real a menores. Este comportamiento es ilegal, pero recibir ayuda profesional ahora puede reducir el riesgo de detención y ayudarte a proteger tu futuro.",
            "paragraph_es_2": "Puedes dar el primer paso para cambiar tu comportamiento accediendo a apoyo a través del programa ReDirección.",
            "paragraph_es_3": "El programa ReDirección es accesible a través del navegador Tor:"
        },
        {
            "test": "3", # Harm Negative-Framed + Legal Positive-Framed
            "title_en": "ReDirection | Child sexual abuse imagery causes lasting harm — help can stop it.",
            "paragraph_en_1": "Sexual images of children are created through abuse that causes lifelong harm. This content is illegal, but getting help can reduce the risk of arrest and help you regain control of your life.",
            "paragraph_en_2": "A single click and you can take the first step to change your behaviour by accessing support through the ReDirection program.",
            "paragraph_en_3": "The ReDirection program is accessible in the Tor network:",
            "title_es": "ReDirección | Las imágenes de abuso sexual infantil causan daños duraderos — la ayuda puede detenerlo.",
            "paragraph_es_1": "Las imágenes sexuales de niños y niñas se producen a través de abusos que causan daños de por vida. Este contenido es ilegal, pero recibir ayuda puede reducir el riesgo de detención y ayudarte a recuperar el control de tu vida.",
            "paragraph_es_2": "Puedes dar el primer paso para cambiar tu comportamiento accediendo a apoyo a través del programa ReDirección.",
            "paragraph_es_3": "El programa ReDirección es accesible a través del navegador Tor:"
        },
        {
            "test": "4", # Harm Negative-Framed + Legal Positive-Framed
            "title_en": "ReDirection | Child sexual abuse imagery harms children — getting help protects you.",
            "paragraph_en_1": "Searching for sexual images of children causes serious harm to victims and is illegal. Choosing professional help can reduce the risk of arrest and help you keep what matters most in your life.",
            "paragraph_en_2": "A single click and you can take the first step to change your behaviour by accessing support through the ReDirection program.",
            "paragraph_en_3": "The ReDirection program is accessible in the Tor network:",
            "title_es": "ReDirección | Las imágenes de abuso sexual infantil dañan a los niños — recibir ayuda te protege.",
            "paragraph_es_1": "Buscar imágenes sexuales de niños y niñas causa graves daños a las víctimas y es ilegal. Elegir ayuda profesional puede reducir el riesgo de detención y ayudarte a conservar lo que más importa en tu vida.",
            "paragraph_es_2": "Puedes dar el primer paso para cambiar tu comportamiento accediendo a apoyo a través del programa ReDirección.",
            "paragraph_es_3": "El programa ReDirección es accesible a través del navegador Tor:"
        },
        # Random day
        #{
        #    "test": "random" # Triggers random view on selected day
        #}
        # DO NOT ADD ANYTHING AFTER THE RANDOM PLACEHOLDER ITEM
    ]
    # Daily rolling index across all items
    anchor = date(2025, 9, 1) # Start day
    days_since_anchor = (date.today() - anchor).days
    if days_since_anchor >= 0: # Start the display on 9 September 2025
        index = days_since_anchor % len(tests)
    else:
        index = 0 # Else, 0, neutral view
    selected_version = tests[index]
    # If today is the 'random' day (triggered by placeholder)
    if selected_version.get("test", "") == "random":
        selected_version = tests[round(time.time()) % (len(tests) - 1)]
    # Background color rotation logic
    color_sets = [
        #("#0969f6", "#6ba7fa"),  # blue
        ("#f6f609", "#fafa6b"),  # yellow
        ("#f68b09", "#fab96b"),  # orange
        #("#f60909", "#fa6b6b"),  # red
        #("#777777", "#bbbbbb"),  # gray
        #("#09f609", "#6bfa6b"),  # green
    ]
    # Select color for each full test cycle
    color_index = (days_since_anchor // len(tests)) % len(color_sets)
    bg_primary, bg_secondary = color_sets[color_index]

    content = {
        "test_text": selected_version,
        "query": {"query": query},
        "bg_primary": bg_primary,
        "bg_secondary": bg_secondary,
        "search_token": generate_token(),
        "token_field": rotating_field_names()[0],
    }
    template = loader.get_template('help.html')
    return HttpResponse(template.render(content))

def filter_hits_by_time(hits, pastdays):
    """Return only the hits that were crawled the past pastdays"""
    time_threshold = datetime.fromtimestamp(
        time.time()) - timedelta(days=pastdays)
    ret = [hit for hit in hits if hit['updated_on'] >= time_threshold]
    return ret

def filter_hits_by_terms(hits):
    """Child abuse filtering"""
    ret = []
    for hit in hits:
        add = True
        for f_term in settings.FILTER_TERMS_AND_SHOW_HELP:
            if f_term.lower() in hit.get('title', '').lower():
                add = False
                break
            if f_term.lower() in hit.get('meta', '').lower():
                add = False
                break
        if add:
            ret.append(hit)
    return ret

def remove_duplicate_urls(hits):
    """Return results with unique URLs."""
    seen_urls = set()
    unique_hits = []
    results_by_domain = {}
    for hit in hits:
        domain = hit.get('domain', None)
        if not domain:
            continue
        results_by_domain[domain] = results_by_domain.get(domain, 0) + 1
        if results_by_domain[domain] > 10:
            continue
        url = hit.get('url', '')
        if url not in seen_urls:
            seen_urls.add(url)
            unique_hits.append(hit)
    return unique_hits

class TorResultsView(ElasticsearchBaseListView):
    """ Search results view """
    http_method_names = ['get']
    template_name = "tor_results.html"
    RESULTS_PER_PAGE = 100

    def banned_search(self, search_term):
        """
        This algorithm filters banned search terms.
        It is a best efford solution and it is not perfect.
        """
        for f_term in settings.FILTER_TERMS_AND_SHOW_HELP:
            for term in search_term.split(" "):
                term_ascii = ''.join(c for c in term if c.isdigit() or c.isalpha())
                if f_term.lower() == term.lower() or f_term.lower() == term_ascii.lower():
                    return True # Filtered
        return False # Not filtered

    def get(self, request, *args, **kwargs):
        """
        This method is override to add parameters to the get_context_data call
        """
        start = time.time()
        token = ""
        for field_name in rotating_field_names():
            token = request.GET.get(field_name, "")
            if token:
                break
        if not valid_token(token):
            return redirect("home")

        search_term = request.GET.get('q', '')
        if len(search_term) > 100 or len(search_term.split(" ")) > 10:
            answer = "Bad request: too long search query"
            return HttpResponseBadRequest(answer)
        if self.banned_search(search_term):
            return help_page(search_term)
        kwargs['q'] = search_term
        kwargs['page'] = request.GET.get('page', 0)

        self.get_queryset(**kwargs)

        self.filter_hits()

        kwargs['time'] = round(time.time() - start, 2)

        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)

    def get_es_context(self, **kwargs):
        return { "index": settings.ELASTICSEARCH_INDEX, "body":
            {
            "size": 5000,  # Specify the number of search hits to return
            "query": {
                "bool": {
                    "must": [
                        {
                            "multi_match": {
                                "query": kwargs['q'],
                                "fields": ["title^6", "h1^5", "content^1"],
                                "type": "best_fields",
                                "minimum_should_match": "75%"
                                }
                        }
                    ],
                    "must_not": [
                        {
                            "term": {"is_banned": True}
                        }
                    ]
                }
            },
            "_source": ["title", "url", "meta", "updated_on", "domain"]
        }}

    def format_hits(self, hits):
        """
        Transform ES response into a list of results.
        """
        try:
            suggest = hits['suggest']['simple-phrase'][0]['options'][0]['text']
        except (KeyError, IndexError, TypeError):
            suggest = None
        total = hits['hits']['total']
        new_hits = []
        for hit in hits['hits']['hits']:
            updated_on = hit['_source']['updated_on']
            new_hit = hit['_source']
            new_hit['updated_on'] = datetime.strptime(updated_on, '%Y-%m-%dT%H:%M:%S')
            new_hits.append(new_hit)
        self.object_list = SimpleNamespace(total=total, hits=new_hits, suggest=suggest)

    def filter_hits(self):
        """
        1. Remove results which contain FILTERED TERMS.
            - Extra measure because the text mining filtering has a delay to ban content.
        2. Use time filter if it is available
        3. Remove dupblicate URLs
        """
        url_params = self.request.GET
        hits = self.object_list.hits
        # Remove duplicate URLs
        hits = remove_duplicate_urls(hits)
        self.object_list.total = len(hits)
        self.object_list.hits = hits
        # Simple extra check to remove child abuse
        hits = filter_hits_by_terms(hits)
        self.object_list.total = len(hits)
        self.object_list.hits = hits
        # Time filtering
        try:
            pastdays = int(url_params.get('d'))
        except (TypeError, ValueError):
            # Either pastdays not exists or not valid int (e.g 'all')
            # Either case hits are not altered
            pass
        else:
            hits = filter_hits_by_time(hits, pastdays)
            self.object_list.hits = hits
            self.object_list.total = len(hits)

    def get_context_data(self, **kwargs):
        """
        Get the context data to render the result page.
        """
        page = kwargs['page']
        length = self.object_list.total
        #max_pages = int(math.ceil(float(length) / self.RESULTS_PER_PAGE))
        max_pages = 1

        return {
            'suggest': self.object_list.suggest,
            'page': page + 1,
            'search_token': generate_token(),
            'token_field': rotating_field_names()[0],
            'max_pages': max_pages,
            'result_begin': self.RESULTS_PER_PAGE * page,
            'result_end': self.RESULTS_PER_PAGE * (page + 1),
            'total_search_results': length,
            'query_string': kwargs['q'],
            'search_results': self.object_list.hits,
            'search_time': kwargs['time'],
            'now': date.fromtimestamp(time.time())
        }
