import datetime

import factory
from django.contrib.auth import get_user_model

from campaigns.models import Assignment, Campaign, ContentArea, Recipient
from units.enums import OrgKind, OrgLevel, Role
from units.models import Membership, Organization


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password("secret-pass-123")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrgKind.COMMUNE
    level = OrgLevel.COMMUNE
    name = factory.Sequence(lambda n: f"Đảng ủy xã Thử {n}")
    short_name = factory.Sequence(lambda n: f"Xã {n}")
    code = factory.Sequence(lambda n: f"org-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.HEAD


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    issuer = factory.SubFactory(
        OrganizationFactory, kind=OrgKind.PARTY_COMMITTEE, level=OrgLevel.DISTRICT, name="Huyện ủy Thử"
    )
    superior_body = "ĐẢNG BỘ TỈNH THỬ"
    issuing_body = "HUYỆN ỦY THỬ"
    term = "2020-2025"
    place = "Thử"
    title = "Phát động phong trào thi đua thử"
    purpose = "Mục đích thử."
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2024, 12, 31)
    sign_on_behalf = "T/M BAN THƯỜNG VỤ"
    signer_title = "BÍ THƯ"
    signer_name = "Nguyễn Văn Ký"

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        # Every issued plan has a Nơi nhận; "Lưu." at least.
        if create:
            for order, text in enumerate(extracted or ["Lưu."], 1):
                Recipient.objects.create(campaign=self, order=order, text=text)


class ContentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentArea

    campaign = factory.SubFactory(CampaignFactory)
    order = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Nội dung {n}")
    body = factory.Sequence(lambda n: f"Nội dung thi đua số {n}.")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    order = factory.Sequence(lambda n: n + 1)
    body = "Các đơn vị xây dựng kế hoạch."
    requires_subplan = True

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizations.set(extracted)
