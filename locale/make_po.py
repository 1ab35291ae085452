"""Writes locale/vi/LC_MESSAGES/django.po: Vietnamese for what Django's admin and django-celery-beat leave in
English (or translate badly). After editing run `python locale/make_po.py`, then compile with GNU gettext:
`msgfmt --check -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po`. The compiled .mo is committed,
so `make run`, CI and the Docker image need no gettext; tests/test_locale.py fails when the .mo is stale."""

from pathlib import Path

HEADER = """# Thi đua: Vietnamese for Django admin and third-party apps (project LOCALE_PATHS win over app translations).
msgid ""
msgstr ""
"Project-Id-Version: thidua\\n"
"Language: vi\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""

# Django admin: missing from Django's vi catalogue, or translated in a way users misread.
ADMIN = {
    "History": "Lịch sử thay đổi",
    "Show counts": "Hiện số lượng",
    "Hide counts": "Ẩn số lượng",
    "Breadcrumbs": "Đường dẫn",
    "Skip to main content": "Chuyển đến nội dung chính",
    "Toggle theme (current theme: auto)": "Đổi giao diện sáng/tối (đang: tự động)",
    "Toggle theme (current theme: light)": "Đổi giao diện sáng/tối (đang: sáng)",
    "Toggle theme (current theme: dark)": "Đổi giao diện sáng/tối (đang: tối)",
    "Toggle navigation": "Ẩn/hiện danh mục",
    "Sidebar": "Danh mục",
    "Filter navigation items": "Lọc danh mục",
    "Model name": "Tên mục",
    "Add link": "Liên kết thêm mới",
    "Change or view list link": "Liên kết xem danh sách",
    "Error:": "Lỗi:",
    "Added:": "Đã thêm:",
    "Changed:": "Đã sửa:",
    "Deleted:": "Đã xóa:",
    "Set password": "Đặt mật khẩu",
    "Reset password": "Đặt lại mật khẩu",
    "Forgotten your login credentials?": "Quên tên đăng nhập hoặc mật khẩu?",
    "In case you’ve forgotten, you are:": "Tên đăng nhập của bạn là:",
    "View selected %(model)s": "Xem %(model)s đã chọn",
    "Select all objects on this page for an action": "Chọn mọi dòng trên trang này để thực hiện thao tác",
    "Select this object for an action - {}": "Chọn dòng này để thực hiện thao tác - {}",
    "After you’ve created a user, you’ll be able to edit more user options.": (
        "Sau khi tạo người dùng, bạn có thể sửa thêm các thông tin khác."
    ),
    "Enabled": "Đang dùng",
    "Disabled": "Đã tắt",
    "Password-based authentication": "Đăng nhập bằng mật khẩu",
    "Enable password-based authentication": "Cho phép đăng nhập bằng mật khẩu",
    "Disable password-based authentication": "Không cho đăng nhập bằng mật khẩu",
    "Raw passwords are not stored, so there is no way to see the user’s password.": (
        "Mật khẩu không được lưu ở dạng đọc được, nên không ai xem được mật khẩu của người dùng."
    ),
    "Sessions": "Phiên đăng nhập",
    "%(delta)s ago": "%(delta)s trước",
    "%(delta)s from now": "%(delta)s nữa",
    "Conflicting form data submitted. Please try again.": "Dữ liệu gửi lên không khớp. Hãy thử lại.",
}
ADMIN_PLURAL = {
    ("Please correct the error below.", "Please correct the errors below."): "Hãy sửa các lỗi dưới đây.",
    ("entry", "entries"): "dòng",
}

# django-celery-beat (scheduled jobs, e.g. the daily reminders): no Vietnamese catalogue upstream.
CELERY_BEAT = {
    "Periodic Tasks": "Tác vụ định kỳ",
    "periodic task": "tác vụ định kỳ",
    "periodic tasks": "tác vụ định kỳ",
    "periodic task track": "theo dõi thay đổi tác vụ định kỳ",
    "periodic task tracks": "theo dõi thay đổi tác vụ định kỳ",
    "clocked": "lịch chạy một lần (theo giờ)",
    "crontab": "lịch kiểu crontab",
    "crontabs": "lịch kiểu crontab",
    "interval": "lịch lặp theo khoảng thời gian",
    "intervals": "lịch lặp theo khoảng thời gian",
    "solar event": "lịch theo mặt trời",
    "solar events": "lịch theo mặt trời",
    "Task (registered)": "Tác vụ (có sẵn)",
    "Task (custom)": "Tác vụ (tự nhập)",
    "Need name of task": "Cần tên tác vụ",
    "Only one can be set, in expires and expire_seconds": "Chỉ được đặt một trong hai: hết hạn lúc, hoặc số giây hết hạn",
    "Unable to parse JSON: %s": "Không đọc được JSON: %s",
    "Schedule": "Lịch chạy",
    "Arguments": "Tham số",
    "Execution Options": "Tùy chọn khi chạy",
    "{0} task{1} {2} successfully {3}": "Đã cập nhật {0} tác vụ",
    "was,were": "đã,đã",
    "Enable selected tasks": "Bật các tác vụ đã chọn",
    "Disable selected tasks": "Tắt các tác vụ đã chọn",
    "Toggle activity of selected tasks": "Bật/tắt các tác vụ đã chọn",
    'task "{not_found_task_name}" not found': "không tìm thấy tác vụ «{not_found_task_name}»",
    "{0} task{1} {2} successfully run": "Đã chạy {0} tác vụ",
    "Run selected tasks": "Chạy ngay các tác vụ đã chọn",
    "Days": "Ngày",
    "Hours": "Giờ",
    "Minutes": "Phút",
    "Seconds": "Giây",
    "Microseconds": "Micro giây",
    "Day": "Ngày",
    "Hour": "Giờ",
    "Minute": "Phút",
    "Second": "Giây",
    "Microsecond": "Micro giây",
    "Astronomical dawn": "Bình minh thiên văn",
    "Civil dawn": "Bình minh dân dụng",
    "Nautical dawn": "Bình minh hàng hải",
    "Astronomical dusk": "Hoàng hôn thiên văn",
    "Civil dusk": "Hoàng hôn dân dụng",
    "Nautical dusk": "Hoàng hôn hàng hải",
    "Solar noon": "Giữa trưa",
    "Sunrise": "Mặt trời mọc",
    "Sunset": "Mặt trời lặn",
    "Solar Event": "Sự kiện mặt trời",
    "The type of solar event when the job should run": "Sự kiện mặt trời khi tác vụ chạy",
    "Latitude": "Vĩ độ",
    "Run the task when the event happens at this latitude": "Chạy tác vụ khi sự kiện xảy ra ở vĩ độ này",
    "Longitude": "Kinh độ",
    "Run the task when the event happens at this longitude": "Chạy tác vụ khi sự kiện xảy ra ở kinh độ này",
    "Number of Periods": "Số khoảng",
    "Number of interval periods to wait before running the task again": "Số khoảng thời gian chờ trước khi chạy lại",
    "Interval Period": "Đơn vị khoảng thời gian",
    "The type of period between task runs (Example: days)": "Đơn vị của khoảng thời gian giữa hai lần chạy (ví dụ: ngày)",
    "every {}": "mỗi {}",
    "every {} {}": "mỗi {} {}",
    "Clock Time": "Thời điểm chạy",
    "Run the task at clocked time": "Chạy tác vụ vào thời điểm này",
    "Minute(s)": "Phút",
    'Cron Minutes to Run. Use "*" for "all". (Example: "0,30")': 'Phút chạy. "*" là mọi phút (ví dụ: "0,30")',
    "Hour(s)": "Giờ",
    'Cron Hours to Run. Use "*" for "all". (Example: "8,20")': 'Giờ chạy. "*" là mọi giờ (ví dụ: "8,20")',
    "Day(s) Of The Week": "Thứ trong tuần",
    'Cron Days Of The Week to Run. Use "*" for "all", Sunday is 0 or 7, Monday is 1. (Example: "0,5")': (
        'Thứ chạy. "*" là mọi ngày; Chủ nhật là 0 hoặc 7, thứ Hai là 1 (ví dụ: "0,5")'
    ),
    "Day(s) Of The Month": "Ngày trong tháng",
    'Cron Days Of The Month to Run. Use "*" for "all". (Example: "1,15")': (
        'Ngày chạy trong tháng. "*" là mọi ngày (ví dụ: "1,15")'
    ),
    "Month(s) Of The Year": "Tháng trong năm",
    'Cron Months (1-12) Of The Year to Run. Use "*" for "all". (Example: "1,12")': (
        'Tháng chạy (1-12). "*" là mọi tháng (ví dụ: "1,12")'
    ),
    "Cron Timezone": "Múi giờ",
    "Timezone to Run the Cron Schedule on. Default is UTC.": "Múi giờ của lịch chạy. Mặc định là UTC.",
    "Name": "Tên",
    "Short Description For This Task": "Mô tả ngắn của tác vụ",
    'The Name of the Celery Task that Should be Run.  (Example: "proj.tasks.import_contacts")': (
        'Tên tác vụ Celery sẽ chạy (ví dụ: "campaigns.tasks.send_subplan_reminders")'
    ),
    "Interval Schedule": "Lịch lặp",
    "Interval Schedule to run the task on.  Set only one schedule type, leave the others null.": (
        "Lịch lặp của tác vụ. Chỉ chọn một loại lịch, để trống các loại khác."
    ),
    "Crontab Schedule": "Lịch crontab",
    "Crontab Schedule to run the task on.  Set only one schedule type, leave the others null.": (
        "Lịch crontab của tác vụ. Chỉ chọn một loại lịch, để trống các loại khác."
    ),
    "Solar Schedule": "Lịch theo mặt trời",
    "Solar Schedule to run the task on.  Set only one schedule type, leave the others null.": (
        "Lịch theo mặt trời của tác vụ. Chỉ chọn một loại lịch, để trống các loại khác."
    ),
    "Clocked Schedule": "Lịch chạy một lần",
    "Clocked Schedule to run the task on.  Set only one schedule type, leave the others null.": (
        "Lịch chạy một lần của tác vụ. Chỉ chọn một loại lịch, để trống các loại khác."
    ),
    "Positional Arguments": "Tham số theo thứ tự",
    'JSON encoded positional arguments (Example: ["arg1", "arg2"])': 'Tham số dạng JSON (ví dụ: ["a", "b"])',
    "Keyword Arguments": "Tham số theo tên",
    'JSON encoded keyword arguments (Example: {"argument": "value"})': 'Tham số theo tên dạng JSON (ví dụ: {"ten": "gia_tri"})',
    "Queue Override": "Hàng đợi riêng",
    "Queue defined in CELERY_TASK_QUEUES. Leave None for default queuing.": (
        "Hàng đợi khai báo trong CELERY_TASK_QUEUES. Để trống: hàng đợi mặc định."
    ),
    "Exchange": "Exchange (AMQP)",
    "Override Exchange for low-level AMQP routing": "Exchange riêng khi định tuyến AMQP",
    "Routing Key": "Khóa định tuyến",
    "Override Routing Key for low-level AMQP routing": "Khóa định tuyến riêng khi định tuyến AMQP",
    "AMQP Message Headers": "Tiêu đề thông điệp AMQP",
    "JSON encoded message headers for the AMQP message.": "Tiêu đề thông điệp AMQP dạng JSON.",
    "Priority": "Độ ưu tiên",
    "Priority Number between 0 and 255. Supported by: RabbitMQ, Redis (priority reversed, 0 is highest).": (
        "Số từ 0 đến 255 (Redis: 0 là ưu tiên cao nhất)."
    ),
    "Expires Datetime": "Hết hạn lúc",
    "Datetime after which the schedule will no longer trigger the task to run": "Sau thời điểm này lịch không chạy tác vụ nữa",
    "Expires timedelta with seconds": "Hết hạn sau (giây)",
    "Timedelta with seconds which the schedule will no longer trigger the task to run": (
        "Sau số giây này lịch không chạy tác vụ nữa"
    ),
    "One-off Task": "Chỉ chạy một lần",
    "If True, the schedule will only run the task a single time": "Nếu chọn, tác vụ chỉ chạy một lần",
    "Start Datetime": "Bắt đầu từ",
    "Datetime when the schedule should begin triggering the task to run": "Thời điểm lịch bắt đầu chạy tác vụ",
    "Set to False to disable the schedule": "Bỏ chọn để tạm dừng lịch",
    "Last Run Datetime": "Lần chạy gần nhất",
    "Datetime that the schedule last triggered the task to run. Reset to None if enabled is set to False.": (
        "Thời điểm lịch chạy tác vụ lần gần nhất."
    ),
    "Total Run Count": "Số lần đã chạy",
    "Running count of how many times the schedule has triggered the task": "Số lần lịch đã chạy tác vụ",
    "Last Modified": "Sửa lần cuối",
    "Datetime that this PeriodicTask was last modified": "Thời điểm sửa tác vụ lần cuối",
    "Description": "Mô tả",
    "Detailed description about the details of this Periodic Task": "Mô tả chi tiết tác vụ định kỳ",
    "Home": "Trang chủ",
}


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def build():
    lines = [HEADER]
    for title, table in (("Django admin", ADMIN), ("django-celery-beat", CELERY_BEAT)):
        lines.append(f"# --- {title}\n")
        for msgid, msgstr in table.items():
            lines.append(f"msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
    lines.append("# --- Django admin, plural forms (Vietnamese has one form)\n")
    for (singular, plural), msgstr in ADMIN_PLURAL.items():
        lines.append(f"msgid {quote(singular)}\nmsgid_plural {quote(plural)}\nmsgstr[0] {quote(msgstr)}\n")
    return "\n".join(lines)


if __name__ == "__main__":
    Path(__file__).with_name("vi").joinpath("LC_MESSAGES", "django.po").write_text(build(), encoding="utf-8")
