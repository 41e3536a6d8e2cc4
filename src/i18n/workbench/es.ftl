# The workbench in es.
