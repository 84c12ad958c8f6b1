"""Reference region data (NBS division codes, WTFPL) the generator places households in."""
