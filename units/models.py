from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from thidua.text import fold, normalize_text_fields

from .enums import OrgKind, OrgLevel, Role


class OrganizationQuerySet(models.QuerySet):
    def subtree(self, root):
        """The root and everything below it (materialised path)."""
        return self.filter(path__startswith=root.path)

    def valid_on(self, day):
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )

    def search(self, query):
        key = fold(query)
        return self.filter(search_key__contains=key) if key else self


class Organization(models.Model):
    """A body of the political system, as it was during [valid_from, valid_to].

    A renamed or merged body is a new row whose predecessor points to it as
    `successor`; old documents keep pointing at the old row and print its name.
    """

    kind = models.CharField("loại", max_length=32, choices=OrgKind.choices)
    level = models.CharField("cấp", max_length=16, choices=OrgLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="trực thuộc"
    )
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    code = models.SlugField("mã", max_length=64, unique=True)
    header_name = models.CharField(
        "tên in ở tiêu đề văn bản cấp dưới",
        max_length=255,
        blank=True,
        help_text="Ví dụ Tỉnh ủy Sơn La in là «ĐẢNG BỘ TỈNH SƠN LA» trên văn bản của Huyện ủy. Để trống: dùng tên đầy đủ.",
    )
    email = models.EmailField("thư điện tử", blank=True)
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name="tổ chức kế thừa",
    )
    path = models.CharField(max_length=512, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    search_key = models.CharField(max_length=512, editable=False, default="", db_index=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "tổ chức, đơn vị"
        verbose_name_plural = "tổ chức, đơn vị"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
        if self.pk and self.parent_id:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError(
                        {"parent": "Không thể đặt một đơn vị trực thuộc chính nó hoặc cấp dưới của nó."}
                    )
                node = node.parent

    @property
    def printed_header(self):
        return (self.header_name or self.name).upper()

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        self.search_key = fold(f"{self.name} {self.short_name} {self.code}")
        old_path = None
        if self.pk:
            old_path = Organization.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        super().save(*args, **kwargs)
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != self.path:
            self.path = new_path
            self.depth = new_path.count("/") - 2
            Organization.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            if old_path:
                # Move the subtree along with its root.
                for child in Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.save()

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part][:-1]
        by_id = Organization.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="người dùng"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name="tổ chức, đơn vị"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    position = models.CharField("chức vụ", max_length=128, blank=True)

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organization}"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)
