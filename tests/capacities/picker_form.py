"""A page that exists only in the tests: a GET form with two capacity pickers (the include
templates/capacities/_picker.html), like the Explore filter will have. It shows what the
server received, so tests can check what the form sent. Used through
@pytest.mark.urls("tests.capacities.picker_form") or settings.ROOT_URLCONF."""
from django.http import HttpResponse
from django.template import engines
from django.urls import path

import capx.urls

PAGE = """{% extends "base.html" %}
{% block head %}<link rel="stylesheet" href="{% url 'capacities:theme_css' %}">{% endblock %}
{% block content %}
<h1>Picker test form</h1>
<form method="get" action="">
  <h2 id="capacity-label">Capacities</h2>
  {% include "capacities/_picker.html" with field="capacity" selected=capacity label="Capacities" %}
  <h2>Wanted</h2>
  {% include "capacities/_picker.html" with field="wanted" selected=wanted label="Wanted" autosubmit=True %}
  <p><button type="submit" class="button button--primary">Filter</button></p>
</form>
<p id="received-capacity">{{ capacity|join:" " }}</p>
<p id="received-wanted">{{ wanted|join:" " }}</p>
{% endblock %}"""


def picker_form(request):
    template = engines["django"].from_string(PAGE)
    context = {"capacity": request.GET.getlist("capacity"), "wanted": request.GET.getlist("wanted")}
    return HttpResponse(template.render(context, request))


urlpatterns = [
    *capx.urls.urlpatterns,
    path("picker-form", picker_form, name="picker_form"),
]
