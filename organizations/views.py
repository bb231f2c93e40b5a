from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from capacities.forms import CAPACITY_LISTS, with_available_fixed
from capacities.models import Capacity
from capacities.picker import came_back_from_picker, picked_in_query, without_removed
from capx.errors import NotFound
from capx.navigation import with_query
from organizations.access import manages
from organizations.forms import ROW_LISTS, OrganizationEditor, OrganizationFilterForm, StaleForm
from organizations.models import DiffPost, Organization
from profiles.forms import share_versions

PAGE_SIZE = 24
NEWS_SHOWN = 6


@require_safe
def organization_list(request):
    filters = share_versions(OrganizationFilterForm(request.GET), request)
    chosen = filters.chosen()
    page = Paginator(filters.results(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/list.html", {
        "filters": filters,
        "chosen": chosen,
        "page": page,
        "filtered": any(chosen.values()),
        "previous_url": _page_url(request, chosen, page.previous_page_number())
        if page.has_previous() else None,
        "next_url": _page_url(request, chosen, page.next_page_number())
        if page.has_next() else None,
    })


def _page_url(request, chosen, number):
    items = [(key, value) for key, value in chosen.items() if value]
    return with_query(request.path, items + ([("page", number)] if number > 1 else []))


@require_safe
def detail(request, slug):
    organization = (
        Organization.objects.listed().select_related("type")
        .prefetch_related(
            *(Prefetch(name, queryset=Capacity.objects.select_related("root"))
              for name in CAPACITY_LISTS),
            "territories", "projects", "documents",
            Prefetch("news", queryset=DiffPost.objects.order_by("-published", "-pk")[:NEWS_SHOWN],
                     to_attr="latest_news"),
        )
        .filter(slug=slug).first()
    )
    if organization is None:
        raise NotFound(_("No organization “%(slug)s” has a profile on CapX.") % {"slug": slug})
    return render(request, "organizations/detail.html", {
        "organization": organization,
        "is_manager": manages(request, organization),
    })


@login_required
@transaction.atomic  # one save, judged whole by the database (capx/migrations/0002)
def edit(request, slug):
    organization = get_object_or_404(
        Organization.objects.prefetch_related("territories", *CAPACITY_LISTS), slug=slug)
    if not manages(request, organization):
        raise PermissionDenied  # staff edit organizations they do not manage in the admin
    if request.method == "POST":
        if came_back_from_picker(request):
            messages.info(request, _("Your capacity selection is in the form below. Save "
                                     "profile to keep it."))
            return _render_edit(request, OrganizationEditor(organization,
                                                            without_removed(request.POST)))
        if request.POST.get("add_row") in ROW_LISTS:
            return _render_edit(request, OrganizationEditor(organization, _with_new_row(request)))
        editor = OrganizationEditor(organization, with_available_fixed(request))
        if editor.is_valid():
            try:
                editor.save()
            except StaleForm as stale:
                messages.error(request, _(
                    "This organization profile was changed in another tab or window, or by "
                    "another manager, after you opened this page, so these changes were not "
                    "saved. Check them below, then save again to keep them, or cancel to see "
                    "the other changes."))
                editor.form.data = editor.form.data.copy()
                editor.form.data["version"] = stale.version  # saving again now works
            else:
                messages.success(request, _("The organization profile was saved."))
                return redirect(organization)
        else:
            messages.error(request, _("The organization profile was not saved: please correct "
                                      "the fields marked below."))
    else:
        editor = OrganizationEditor(organization,
                                    initial=picked_in_query(request, CAPACITY_LISTS))
    return _render_edit(request, editor)


def _with_new_row(request):
    """"Add projects", "Add diff tags", "Add more links" without JavaScript: the form as
    typed, with one more empty row in that list (up to its limit), saving nothing."""
    rows = request.POST["add_row"]
    data = request.POST.copy()
    key = f"{rows}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        return data  # the formset says what is wrong with it
    if total < ROW_LISTS[rows]:
        data[key] = str(total + 1)
    else:
        messages.info(request, _("This list is full: remove a row before you add another."))
    return data


def _render_edit(request, editor):
    return render(request, "organizations/edit.html", {
        "organization": editor.organization,
        "editor": editor,
        "form": share_versions(editor.form, request),
        "row_limits": ROW_LISTS,
    })
