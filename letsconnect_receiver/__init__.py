"""CapX's own Let's Connect receiver: a stand-in for the Let's Connect service that answers
its HTTP contract (/exists/, /profile/, /user-badges/, /badge/<code>/, /endpoint/) at
/letsconnect/, stricter than the real one, so the whole loop works on a fresh machine.

Its data lives in a database of its own (the `letsconnect` alias), kept there by
letsconnect_receiver.router.LetsConnectRouter; in the admin only the "LC team" group
(letsconnect_receiver.access.LC_TEAM) sees it."""
