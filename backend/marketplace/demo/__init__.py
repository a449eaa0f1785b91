"""The demo marketplace `manage.py seed_demo` creates: data in the sibling modules, the
seeding service in `seed.py`."""
