# The workbench in ja.
