"""Secret ballots stay secret: existing ballots are sealed (open sittings) or dropped (closed sittings,
whose tallies are already on the nominations), in a shuffled order, so that neither row order nor
transaction ids tie a choice to the member who voted. The quorum becomes a setting of the sitting."""

import random

from django.db import migrations, models


def seal_existing_ballots(apps, schema_editor):
    from awards.ballots import seal

    Ballot = apps.get_model("awards", "Ballot")
    Ballot.objects.filter(session__status="closed").delete()
    rows = list(Ballot.objects.values_list("pk", "session_id", "nomination_id", "choice"))
    random.SystemRandom().shuffle(rows)
    for pk, session_id, nomination_id, choice in rows:
        Ballot.objects.filter(pk=pk).update(sealed=seal(session_id, nomination_id, choice), choice="")


class Migration(migrations.Migration):
    dependencies = [("awards", "0009_input_limits")]

    operations = [
        migrations.AddField(
            model_name="councilsession",
            name="quorum",
            field=models.CharField(
                choices=[
                    ("ge_2_3", "Từ hai phần ba tổng số thành viên trở lên (Nghị định 98/2023/NĐ-CP, Điều 47)"),
                    ("gt_1_2", "Trên một nửa tổng số thành viên"),
                    ("ge_3_4", "Từ ba phần tư tổng số thành viên trở lên"),
                    ("all", "Toàn bộ thành viên"),
                ],
                default="ge_2_3",
                help_text="Mỗi đề nghị cần phiếu của ít nhất tỷ lệ này trên tổng số thành viên thì mới kết thúc phiên họp được",
                max_length=8,
                verbose_name="số thành viên tối thiểu biểu quyết",
            ),
        ),
        migrations.AddField(
            model_name="ballot",
            name="sealed",
            field=models.BinaryField(null=True, verbose_name="phiếu niêm phong"),
        ),
        migrations.RunPython(seal_existing_ballots, migrations.RunPython.noop),
    ]
