"""Finance work on escrow: the audit log becomes append-only in PostgreSQL (the ledger's
trigger function, migration 0002, now also guards `payments_paymentaudit`)."""

from django.db import migrations

AUDIT = "payments_paymentaudit"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {AUDIT}_append_only BEFORE UPDATE OR DELETE ON {AUDIT} "
        "FOR EACH ROW EXECUTE FUNCTION payments_ledger_append_only();"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_append_only ON {AUDIT};")


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_ledger_append_only")]

    operations = [migrations.RunPython(forwards, backwards)]
