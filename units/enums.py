from django.db import models


class OrgKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", "Cấp ủy, đảng bộ"
    STANDING_COMMITTEE = "standing_committee", "Ban Thường vụ"
    COMMITTEE_BOARD = "committee_board", "Ban, văn phòng của cấp ủy"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    FATHERLAND_FRONT = "fatherland_front", "Ủy ban MTTQ"
    MASS_ORGANIZATION = "mass_organization", "Đoàn thể chính trị - xã hội"
    PARTY_CELL = "party_cell", "Chi bộ, đảng bộ trực thuộc"
    AGENCY = "agency", "Cơ quan, đơn vị"
    COMMUNE = "commune", "Xã, thị trấn"
    VILLAGE = "village", "Thôn, bản, tổ dân phố"
    OTHER = "other", "Khác"


class OrgLevel(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Tỉnh"
    DISTRICT = "district", "Huyện"
    COMMUNE = "commune", "Xã"
    GRASSROOTS = "grassroots", "Cơ sở"


class Role(models.TextChoices):
    HEAD = "head", "Người đứng đầu"
    STAFF = "staff", "Cán bộ, chuyên viên"
    COUNCIL = "council", "Thành viên Hội đồng TĐ-KT"
