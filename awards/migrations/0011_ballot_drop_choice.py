from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("awards", "0010_sealed_ballots_quorum")]

    operations = [
        # A default first, so that migrating back re-creates the column on existing rows (the choices stay sealed).
        migrations.AlterField(
            model_name="ballot",
            name="choice",
            field=models.CharField(blank=True, default="", max_length=4, verbose_name="lựa chọn"),
        ),
        migrations.RemoveField(model_name="ballot", name="choice"),
        migrations.AlterField(
            model_name="ballot", name="sealed", field=models.BinaryField(verbose_name="phiếu niêm phong")
        ),
        migrations.AlterModelOptions(
            name="ballot",
            options={"verbose_name": "phiếu bầu kín (niêm phong)", "verbose_name_plural": "phiếu bầu kín (niêm phong)"},
        ),
    ]
