# The dashboard in ja.
