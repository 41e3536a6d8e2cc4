# The dashboard in en.
