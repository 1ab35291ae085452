"""The 2019 plan of the Standing Committee of the Mai Sơn district party committee, as issued.

Generated once from campaigns/demo/seed_mai_son_2019.txt; wording kept as issued, including
the slip in IV.1 ("10/10/2019" where the rest says 2020) and "Công Thông tin" in Nơi nhận.
The one paragraph of II.1 that the source splits across a page break is joined.
"""

DOCUMENT_TYPE = "KẾ HOẠCH"

TITLE = "Phát động phong trào thi đua yêu nước thực hiện thắng lợi\nNghị quyết Đại hội Đại biểu Đảng bộ huyện nhiệm kỳ 2015-2020,\nchào mừng Đại hội Đảng các cấp nhiệm kỳ 2020-2025, Kỷ niệm 125 năm\nngày thành lập tỉnh Sơn La (10/10/1895-10/10/2020) và Đại hội thi đua yêu\nnước tỉnh Sơn La lần thứ V năm 2020"

PREAMBLE = "Thực hiện Chỉ thị số 26-CT/TU ngày 21/10/2019 của Ban Thường vụ tỉnh ủy về phát động phong trào thi đua yêu nước thực hiện thắng lợi Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh nhiệm kỳ 2015 - 2020, chào mừng đại hội đảng các cấp nhiệm kỳ 2020-2025, Kỷ niệm 125 năm thành lập tỉnh Sơn La (10/10/1895-10/10/2020) và Đại hội thi đua yêu nước tỉnh Sơn La lần thứ V năm 2020."

INTRODUCTION = "Ban Thường vụ huyện ủy Mai Sơn xây dựng Kế hoạch phát động phong trào thi đua như sau:"

PURPOSE = "Động viên, khuyến khích cán bộ, đảng viên và nhân dân các dân tộc trên địa bàn huyện tiếp tục phát huy truyền thống yêu nước, tinh thần đoàn kết, ý chí tự lực, tự cường, vượt khó khăn, phấn đấu hoàn thành các nhiệm vụ năm 2019, 2020, góp phần hoàn thành toàn diện các mục tiêu Nghị quyết Đại hội Đảng bộ huyện khóa XIX nhiệm kỳ 2015-2020, chào mừng đại hội đảng các cấp nhiệm kỳ 2020-2025, Kỷ niệm 125 năm ngày thành lập tỉnh Sơn La (10/10/1895-10/10/2020) và Đại hội Thi đua yêu nước tỉnh Sơn La lần thứ V năm 2020."

REQUIREMENTS = "Tổ chức các hoạt động thi đua, chào mừng bảo đảm thiết thực, hiệu quả gắn với thực hiện nhiệm vụ thường xuyên của cơ quan, đơn vị.\nNêu cao ý thức, trách nhiệm của người đứng đầu trong chỉ đạo tổ chức phong trào. Người đứng đầu cơ quan, đơn vị phải trực tiếp lãnh đạo, chỉ đạo và chịu trách nhiệm về chất lượng, hiệu quả công tác thi đua, khen thưởng và trong chỉ đạo tổ chức phong trào."

PERIOD_TEXT = "Từ tháng 10/2019 đến hết tháng 12/2020"

CONTENT_AREAS = [
    "Tiếp tục quán triệt Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về đổi mới công tác thi đua, khen thưởng; Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính Nhà nước. Đẩy mạnh các phong trào thi đua gắn với việc thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về “*Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh*”; tuyên truyền chủ trương, đường lối của Đảng, chính sách, pháp luật của nhà nước về công tác thi đua - khen thưởng, tạo sự chuyển biến mạnh mẽ trong nhận thức của cấp ủy, chính quyền, tổ chức chính trị - xã hội của huyện, cán bộ, đảng viên và nhân dân về vị trí, vai trò, tác dụng to lớn của phong trào thi đua yêu nước trong thực hiện các nhiệm vụ, mục tiêu chính trị mà huyện đã đề ra.",
    "Tăng cường công tác lãnh đạo, chỉ đạo tổ chức triển khai, thực hiện các phong trào thi đua thiết thực, hiệu quả, phấn đấu hoàn thành toàn diện và vượt mức các nhiệm vụ trọng tâm của huyện, của cơ quan, đơn vị, địa phương. Chú trọng tuyên truyền, triển khai thực hiện các văn bản hướng dẫn thi hành của Trung ương, của tỉnh, của huyện về công tác thi đua, khen thưởng; tổ chức triển khai thực hiện công tác thi đua, khen thưởng và phong trào thi đua yêu nước do các cấp phát động.",
    "Tiếp tục đẩy mạnh phong trào thi đua yêu nước, phấn đấu thực hiện thắng lợi các chỉ tiêu Nghị quyết Đại hội Đại biểu Đảng bộ huyện lần thứ XIX, nhiệm kỳ 2015-2020 và Kế hoạch phát triển kinh tế, xã hội 05 năm (2016-2020) của huyện. Phát động và tổ chức thực hiện các phong trào thi đua yêu nước trên tất cả các lĩnh vực gắn với kế hoạch, chương trình, mục tiêu phát triển kinh tế - xã hội, đảm bảo quốc phòng, an ninh của huyện, trong đó trọng tâm là các phong trào thi đua: “*Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh*”; phong trào thi đua “*Chung sức xây dựng nông thôn mới*”; “*Chung tay vì người nghèo - Không để ai bỏ lại phía sau*”, “*Doanh nghiệp Mai Sơn hội nhập và phát triển*”, “*Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa*”, Phong trào “*Toàn dân bảo vệ an ninh tổ quốc*”và các phong trào thi đua lao động sản xuất kinh doanh giỏi, thi đua phát huy sáng kiến, cải tiến kỹ thuật, thi đua cải cách hành chính với mục tiêu thi đua Mai Sơn trở thành huyện phát triển của tỉnh.",
    "Tổ chức thành công đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng theo Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị, Kế hoạch số 154-KH/TU ngày 27/6/2019 của Ban Thường vụ tỉnh ủy và Kế hoạch số 208-KH/HU ngày 03/7/2019 của Ban Thường vụ huyện ủy. Với mục tiêu đại hội: “*Tiếp tục nâng cao năng lực lãnh đạo và sức chiến đấu của toàn Đảng bộ; phát huy sức mạnh đoàn kết, dân chủ, đổi mới, huy động và sử dụng hiệu quả các nguồn lực; bảo đảm quốc phòng an ninh; xây dựng huyện Mai Sơn phát triển nhanh, bền vững*”",
    "Thực hiện tốt công tác quản lý nhà nước về thi đua, khen thưởng. Tăng cường kiểm tra, thanh tra, giám sát, cải cách hành chính, ứng dụng công nghệ thông tin trong công tác thi đua, khen thưởng. Kiện toàn, nâng cao chất lượng hoạt động của Hội đồng Thi đua - Khen thưởng các cấp; tăng cường công tác tập huấn, bồi dưỡng phẩm chất, đạo đức, tinh thần trách nhiệm, kiến thức chuyên môn, nghiệp vụ cho đội ngũ cán bộ, công chức làm công tác thi đua khen thưởng để đáp ứng yêu cầu công tác tham mưu cho các cấp ủy đảng, chính quyền trong giai đoạn hiện nay.",
]

ASSIGNMENTS = [
    "Ủy ban nhân dân huyện xây dựng, triển khai Kế hoạch phát động phong trào thi đua yêu nước thực hiện thắng lợi Nghị quyết Đại hội Đại biểu Đảng bộ huyện nhiệm kỳ 2015-2020, chào mừng Đại hội Đảng các cấp nhiệm kỳ 2020-2025, Kỷ niệm 125 năm ngày thành lập tỉnh Sơn La (10/10/1895-10/10/2019) và Đại hội thi đua yêu nước tỉnh Sơn La lần thứ V năm 2020; thực hiện tốt công tác khen thưởng nhằm khuyến khích các tổ chức đảng và các tập thể, cá nhân tích cực tham gia đợt thi đua, phấn đấu hoàn thành toàn diện và vượt mức các nhiệm vụ chính trị của huyện. Thực hiện sơ kết, tổng kết việc tổ chức phong trào thi đua theo kế hoạch của huyện, của tỉnh; báo cáo Ban Thường vụ huyện ủy.",
    "Ban Tuyên giáo huyện ủy chỉ đạo cơ quan truyền thông văn hóa huyện tích cực tuyên truyền về đại hội đảng các cấp nhiệm kỳ 2020-2025, về Đại hội thi đua yêu nước tỉnh lần thứ V năm 2020, gắn với kết quả triển khai thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, tạo khí thế thi đua sôi nổi, rộng khắp để cán bộ, đảng viên và nhân dân tích cực hưởng ứng, tham gia.",
    "Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể chính trị - xã hội, phát huy sức mạnh tổng hợp của khối đại đoàn kết toàn dân tộc trong vận động cán bộ, công chức, viên chức, đoàn viên, hội viên, người lao động và các tầng lớp nhân dân tích cực hưởng ứng và tham gia các phong trào thi đua, các cuộc vận động chuyên đề với tinh thần trách nhiệm cao, đạt hiệu quả thiết thực.",
    "Các cấp ủy đảng, chính quyền, các cơ quan, đơn vị, cơ sở căn cứ vào chức năng, nhiệm vụ được giao xây dựng kế hoạch phù hợp với điều kiện, tình hình cụ thể của từng đơn vị; tập trung lãnh đạo, chỉ đạo tổ chức thực hiện nghiêm túc nội dung Kế hoạch này.",
]

CLOSING = "Trên đây là Kế hoạch triển khai phong trào thi đua yêu nước thực hiện thắng lợi Nghị quyết Đại hội Đại biểu Đảng bộ huyện nhiệm kỳ 2015-2020, chào mừng Đại hội Đảng các cấp nhiệm kỳ 2020-2025, Kỷ niệm 125 năm ngày thành lập tỉnh Sơn La (10/10/1895-10/10/2020) và Đại hội thi đua yêu nước tỉnh Sơn La lần thứ V năm 2020 của Ban Thường vụ huyện ủy Mai Sơn./."

RECIPIENTS = [
    "Thường trực tỉnh ủy,",
    "Ban Tuyên giáo tỉnh ủy,",
    "Ban Thường vụ huyện ủy,",
    "Lãnh đạo UBND huyện,",
    "Các XD Ban Đảng;",
    "MTTQ và các đoàn thể CTr-XH huyện,",
    "Các chi bộ, đảng bộ trực thuộc,",
    "Công Thông tin điện tử huyện,",
    "Lưu.",
]

SIGN_ON_BEHALF = "T/M BAN THƯỜNG VỤ"
SIGNER_TITLE = "PHÓ BÍ THƯ"
SIGNER_NAME = "Lê Đình Châu"
