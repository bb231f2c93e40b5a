from capacities.tree import load_tree
from explore.matches import matches_for
from tests.factories import ProfileFactory


def usernames(cards):
    return [card.profile.user.username for card in cards]


def test_matches_rank_mutual_first_then_by_overlap(user):
    me = ProfileFactory(user=user, known=["press-release", "budgeting"],
                        available=["press-release", "budgeting"], wanted=["communication", "survey"])
    ProfileFactory(username="One overlap", known=["media"], available=["media"])
    ProfileFactory(username="Two overlaps", known=["media", "survey"], available=["media", "survey"])
    ProfileFactory(username="Mutual", known=["interview"], available=["interview"],
                   wanted=["finance"])  # wants Finance, which contains my Budgeting
    ProfileFactory(username="Not a match", known=["edit-a-thons"], available=["edit-a-thons"])
    sharers, learners = matches_for(me, load_tree())
    assert usernames(sharers) == ["Mutual", "Two overlaps", "One overlap"]
    assert {node.slug for node in sharers[1].overlap} == {"media", "survey"}
    assert sharers[0].mutual and not sharers[1].mutual
    assert usernames(learners) == ["Mutual"]
    assert [node.slug for node in learners[0].overlap] == ["budgeting"]


def test_sharing_a_capacity_meets_who_wants_what_contains_it(user):
    me = ProfileFactory(user=user, known=["press-release"], available=["press-release"])
    ProfileFactory(username="Wants communication", wanted=["communication"])
    ProfileFactory(username="Wants finance", wanted=["finance"])
    _sharers, learners = matches_for(me, load_tree())
    assert usernames(learners) == ["Wants communication"]


def test_nobody_matches_without_wanted_or_available(user):
    me = ProfileFactory(user=user)
    ProfileFactory(username="Sharer", known=["media"], available=["media"])
    assert matches_for(me, load_tree()) == ([], [])


def test_home_shows_the_matches_in_a_fixed_number_of_queries(signed_in, user, django_assert_max_num_queries):
    ProfileFactory(user=user, known=["media"], available=["media"], wanted=["survey"])
    for number in range(8):
        ProfileFactory(username=f"Match {number}", known=["survey"], available=["survey"],
                       wanted=["media"], languages={"en": 3}, territories=["BR"])
    with django_assert_max_num_queries(16):
        page = signed_in.get("/home")
    assert "People who can share what you want to learn" in page.text
    assert "Match 7" in page.text  # the newest first


def test_candidates_are_the_most_recently_active_and_mutual_is_told_beyond_them(user, monkeypatch):
    """With more candidates than the window, the ranking is over the newest; whether a
    candidate also wants what I share is looked up, whatever the other side's window holds."""
    monkeypatch.setattr("explore.matches.WINDOW", 2)
    me = ProfileFactory(user=user, known=["budgeting"], available=["budgeting"],
                        wanted=["media", "survey"])
    ProfileFactory(username="Old, two overlaps", known=["media", "survey"],
                   available=["media", "survey"])  # the best match, were it newer
    ProfileFactory(username="Both ways", known=["media"], available=["media"], wanted=["finance"])
    for number in range(2):  # newer learners: the learners' window holds only them
        ProfileFactory(username=f"Learner {number}", wanted=["budgeting"])
    ProfileFactory(username="Newest sharer", known=["media"], available=["media"])
    sharers, learners = matches_for(me, load_tree())
    assert usernames(sharers) == ["Both ways", "Newest sharer"]
    assert [card.mutual for card in sharers] == [True, False]
    assert usernames(learners) == ["Learner 1", "Learner 0"]
