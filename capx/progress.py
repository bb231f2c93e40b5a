from tqdm import tqdm


def in_chunks(ids, size, unit, desc=None):
    """Yields `ids` in slices of `size`, with a progress bar (on stderr, only in a terminal)
    advancing after each slice: what every bulk management command walks through."""
    with tqdm(total=len(ids), unit=unit, desc=desc, disable=None) as bar:
        for start in range(0, len(ids), size):
            chunk = ids[start:start + size]
            yield chunk
            bar.update(len(chunk))
