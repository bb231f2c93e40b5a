"""The capacity picker page without JavaScript, as a browser uses it: the host form is
submitted to /capacity/picker/<field> by "Add capacities" (its formaction), the page's form is
read as the browser would send it, capacities are ticked or unticked, and it is submitted the
way it says (method, action). The answer is the page the form came back to."""
from tests.forms import read_form


def through_picker(client, method, field, data, back, tick=(), untick=(), cancel=False):
    """Sends `data` (a dict; lists for several values) the way "Add capacities" does from a
    page at `back`, then confirms the picker page (or presses its Cancel) with `tick` added
    to and `untick` taken from `field`. Returns (the picker page, the page it came back to)."""
    send = client.post if method == "post" else client.get
    picker = send(f"/capacity/picker/{field}", {**data, "next": back})
    assert picker.status_code == 200, picker
    form = read_form(picker.content.decode(), "capacity-picker-cancel" if cancel else "capacity-picker-page")
    if cancel:  # the boxes ticked are not the Cancel form's
        tick = untick = ()
    fields = [(name, value) for name, value in form.fields
              if not (name == field and value in untick)] + [(field, slug) for slug in tick]
    posted = {}
    for name, value in fields:
        posted.setdefault(name, []).append(value)
    back_send = client.post if form.method == "post" else client.get
    return picker, back_send(form.action, posted)
