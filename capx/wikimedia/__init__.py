"""The one place that talks to Meta-Wiki, Wikidata, Metabase, Commons and Diff."""
