"""Indexes for the Explore feed and the matches at 100,000 profiles (tests/perf/bench_explore.py),
and the hierarchies materialized in the cards: Card.covers (a card's capacities and every
capacity containing them) and the regions of the countries in Card.territories. Existing
cards get both here, as explore.cards.build_cards computes them."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

FILL_HIERARCHIES = """
UPDATE explore_card AS card SET
    covers = ARRAY(
        SELECT unnest(ARRAY[c.id, c.parent_id, c.root_id]) AS id FROM capacities_capacity AS c
        WHERE c.id = ANY(card.capacities) EXCEPT SELECT NULL ORDER BY id),
    territories = ARRAY(
        SELECT unnest(ARRAY[t.id, t.region_id]) AS id FROM profiles_territory AS t
        WHERE t.id = ANY(card.territories) EXCEPT SELECT NULL ORDER BY id)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('explore', '0001_initial'),
        ('profiles', '0005_load_badges'),
        ('capacities', '0002_load_shipped_tree'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='card',
            name='card_newest',
        ),
        migrations.RemoveIndex(
            model_name='card',
            name='card_capacities',
        ),
        migrations.AddField(
            model_name='card',
            name='covers',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), blank=True, default=list, size=None),
        ),
        migrations.RunSQL(FILL_HIERARCHIES, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='card',
            index=models.Index(fields=['-activity', '-id'], include=('kind', 'public'), name='card_newest'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(fields=['covers'], name='card_covers'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('kind', 'sharer')), fields=['capacities'], name='card_sharer_capacities'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('kind', 'learner')), fields=['capacities'], name='card_learner_capacities'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('kind__in', ['sharer', 'learner'])), fields=['covers'], name='card_exchange_covers'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('kind__in', ['sharer', 'learner'])), fields=['territories'], name='card_exchange_territories'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('kind__in', ['sharer', 'learner'])), fields=['languages'], name='card_exchange_languages'),
        ),
        migrations.AddIndex(
            model_name='card',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('search_text', config='simple'), condition=models.Q(('kind__in', ['sharer', 'learner'])), name='card_exchange_search'),
        ),
    ]
