from django.shortcuts import render
from django.views.decorators.http import require_safe

from stats import charts, figures


@require_safe
def page(request):
    """/statistics: CapX in numbers, for everyone. ?map= chooses what shades the map of
    the regions (links: no JavaScript needed)."""
    shown = figures.for_page(request)
    metrics = [metric for metric in charts.METRICS
               if all(region[metric] is not None for region in shown["regions"])]
    metric = request.GET.get("map")
    if metric not in metrics:
        metric = charts.METRICS[0]
    return render(request, "stats/page.html", {
        **shown,
        "metrics": metrics,
        "metric": metric,
        "map": charts.region_map(shown["regions"], metric),
    })
