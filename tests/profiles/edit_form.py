"""What the profile edit page posts, for the tests that save a profile through it."""


def form_data(profile, languages=(), **changes):
    """What the edit page posts for `profile` unchanged, with `changes` on top (None leaves a
    field out; a checkbox that is off is not sent). `languages` is a list of
    (code, proficiency) rows."""
    data = {
        "version": profile.version,
        "avatar": profile.avatar_id or "",
        "bio": profile.bio,
        "alt_account": profile.alt_account,
        "known": list(profile.known.values_list("slug", flat=True)),
        "available": list(profile.available.values_list("slug", flat=True)),
        "wanted": list(profile.wanted.values_list("slug", flat=True)),
        "territories": list(profile.territories.values_list("pk", flat=True)),
        "languages-TOTAL_FORMS": len(languages), "languages-INITIAL_FORMS": 0,
        "languages-MIN_NUM_FORMS": 0, "languages-MAX_NUM_FORMS": 50,
    }
    for box in ("show_wikidata_item", "show_wikidata_photo"):
        if getattr(profile, box):
            data[box] = "on"
    for number, (code, proficiency) in enumerate(languages):
        data[f"languages-{number}-language"] = code
        data[f"languages-{number}-proficiency"] = proficiency
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
