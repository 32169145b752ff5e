"""Small pure helpers that import no Koers app."""
