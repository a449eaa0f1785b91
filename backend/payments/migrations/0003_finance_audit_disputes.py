"""Finance work on escrow: chargebacks with their evidence, clawback bookings, account
country for `on_behalf_of`, and the audit log append-only in PostgreSQL (the ledger's trigger
function, migration 0002, now also guards `payments_paymentaudit`)."""

import django.db.models.deletion
from django.db import migrations, models


AUDIT = "payments_paymentaudit"


def audit_append_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {AUDIT}_append_only BEFORE UPDATE OR DELETE ON {AUDIT} "
        "FOR EACH ROW EXECUTE FUNCTION payments_ledger_append_only();"
    )


def audit_append_only_undo(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_append_only ON {AUDIT};")


class Migration(migrations.Migration):

    dependencies = [
        ('payments', '0002_ledger_append_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='payoutaccount',
            name='card_payments_active',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='payoutaccount',
            name='country',
            field=models.CharField(blank=True, max_length=2),
        ),
        migrations.AddField(
            model_name='provideroperation',
            name='payload',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='account',
            field=models.CharField(choices=[('escrow', 'Escrow'), ('client', 'Client'), ('freelancer', 'Freelancer'), ('platform_fee', 'Platform fee'), ('loss', 'Chargeback loss')], max_length=12),
        ),
        migrations.AlterField(
            model_name='ledgertransaction',
            name='kind',
            field=models.CharField(choices=[('funding', 'Funding'), ('release', 'Release'), ('refund', 'Refund'), ('reversal', 'Transfer reversal'), ('chargeback', 'Chargeback'), ('clawback', 'Chargeback clawback')], max_length=12),
        ),
        migrations.AlterField(
            model_name='provideroperation',
            name='kind',
            field=models.CharField(choices=[('payment_intent', 'Payment intent'), ('transfer', 'Transfer'), ('refund', 'Refund'), ('reversal', 'Transfer reversal'), ('clawback', 'Chargeback clawback'), ('dispute_evidence', 'Chargeback evidence')], max_length=16),
        ),
        migrations.CreateModel(
            name='Chargeback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dispute_id', models.CharField(max_length=120, unique=True)),
                ('amount_minor', models.BigIntegerField()),
                ('status', models.CharField(max_length=32)),
                ('evidence', models.JSONField(blank=True, default=dict)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('payment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='chargebacks', to='payments.milestonepayment')),
            ],
            options={
                'ordering': ('-id',),
            },
        ),
        migrations.RunPython(audit_append_only, audit_append_only_undo),
    ]
