from django.dispatch import Signal

# Sent, inside the saving transaction, with profile_ids=[...] whenever profiles changed, so
# other apps keep what they derive from them (the Explore cards) in step.
profiles_changed = Signal()
