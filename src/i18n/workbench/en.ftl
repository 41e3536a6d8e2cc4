# The workbench in en.
