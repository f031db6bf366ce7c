"""Every text the ``python -m newsroom`` command prints or asks, in one place.

Vietnamese first: writers read Vietnamese. Kept together so the texts can move
to the gettext catalogues (issue #16, item 1) without touching the commands.
"""

# The language of the command's prompts; the content model's messages (unknown
# unit or person) are rendered in it too.
LANG = "vi"

# --- questions of `new` -------------------------------------------------------
ASK_TITLE = "Tiêu đề bài viết"
ASK_DATE = "Ngày đăng (vd. 18/12/2020 08:00 hoặc 2020-12-18 08:00)"
ASK_UNIT = "Đơn vị tổ chức (tên, tên viết tắt hoặc mã; Tab để gợi ý)"
ASK_SPEAKER = "Người phát biểu thứ {number} (Enter để bỏ qua)"
ASK_ROLE = "Chức vụ của {name} lúc diễn ra sự kiện"
ASK_SPEAKER_UNIT = "Đơn vị của {name} (Enter: {default})"
ASK_PART = "{name} là: 1 chủ trì, 2 phát biểu, 3 khách mời (Enter: 2)"
# Answers to ASK_PART -> the content model's ``part``.
PARTS = {
    "1": "chair",
    "chủ trì": "chair",
    "2": "speaker",
    "": "speaker",
    "phát biểu": "speaker",
    "3": "guest",
    "khách mời": "guest",
}
BAD_PART = '"{answer}": trả lời 1, 2 hoặc 3'
ASK_ATTENDEE = "Thành phần tham dự thứ {number} (Enter để bỏ qua)"
ASK_COUNT = "Số lượng {group} (Enter nếu không rõ)"
ASK_CONFIRM = "Có phải là {name} ({key})? [C/k]"
YES_ANSWERS = ("", "c", "co", "có", "y", "yes")
REQUIRED = "Mục này không được để trống."
MATCHES = "Có thể là: {names}"

# --- problems with an answer or an option ------------------------------------
BAD_DATE = (
    'ngày "{value}" không đọc được: '
    "ghi theo kiểu 18/12/2020 08:00 hoặc 2020-12-18 08:00"
)
EMPTY_SLUG = "tiêu đề không tạo được địa chỉ (slug): hãy dùng chữ hoặc số"
NOT_A_POST = "{path}: không có bài viết này"
OUTSIDE_POSTS = "{path}: bài viết phải nằm trong content/posts/"
NOT_VIETNAMESE = "{path}: đây không phải bài tiếng Việt gốc (lang: vi)"
NO_ORIGINAL = 'không có bài tiếng Việt nào có slug "{slug}" trong content/posts/'
ALREADY_TRANSLATED = "bài dịch đã có: {path}"
MISSING_OPTION = "thiếu {option}: {usage}"
INVALID = "{path}: bài viết có lỗi, sửa trước khi xem thử:"
ERROR = "Lỗi: {message}"
UNKNOWN_OPTIONS = (
    "lệnh {command} không dùng được: {options} (xem: python -m newsroom {command} -h)"
)

# --- the command line's options: name -> (what -h calls its value, its help) --
OPTIONS = {
    "--root": ("THƯ_MỤC", "thư mục dự án (mặc định: thư mục này)"),
    "--content": ("THƯ_MỤC", "thư mục nội dung (mặc định: content/)"),
    "--output": ("THƯ_MỤC", "thư mục dựng (mặc định: output/)"),
    "--port": ("CỔNG", "cổng của máy chủ xem thử (mặc định: 8000, hoặc biến PORT)"),
    "--title": ("TIÊU_ĐỀ", "tiêu đề"),
    "--date": ("NGÀY", "ngày đăng: 18/12/2020 08:00"),
    "--unit": ("ĐƠN_VỊ", "đơn vị tổ chức: tên, tên viết tắt hoặc mã"),
    "--slug": ("SLUG", "slug của bài tiếng Việt"),
    "file": ("TỆP", "tệp bài viết: content/posts/2020/….md"),
}

# --- the command line's own frame (arguments.py: argparse's texts) -----------
COMMAND_METAVAR = "LỆNH"
HELP_USAGE = "Cách dùng: "
HELP_ARGUMENTS = "đối số:"
HELP_OPTIONS = "tuỳ chọn:"
HELP_HELP = "hiện trợ giúp này rồi thoát"
ARG_ERROR = "lỗi"
ARG_REQUIRED = "thiếu {names}"
ARG_UNKNOWN = "không dùng được: {names}"
ARG_EXPECTED_ONE = "cần ghi một giá trị sau tuỳ chọn này"
ARG_NOT_A_NUMBER = "{value} không phải là số"
ARG_INVALID = "giá trị {value} không hợp lệ"
ARG_UNKNOWN_COMMAND = "không có lệnh {value}; các lệnh: {choices}"
ARG_AMBIGUOUS = "{option} có thể là {matches}: hãy ghi đủ tên tuỳ chọn"

# --- results -----------------------------------------------------------------
WROTE_DRAFT = "Đã tạo bài nháp: {path}"
WROTE_TRANSLATION = "Đã tạo bản dịch tiếng Anh (nháp): {path}"
NEXT_STEPS = (
    "Viết nội dung, rồi xem thử: python -m newsroom preview {path}\n"
    "Kiểm tra trước khi đăng:   python -m newsroom check"
)
SLUG_TAKEN = "(slug {slug} đã có, dùng {unique})"
PREVIEW_BUILT = "Đã dựng bản xem thử trong {seconds:.2f} giây ({pages} trang):"
PREVIEW_OPEN = "Mở trong trình duyệt: {url}"
INTERRUPTED = "\nĐã dừng, không ghi gì."

# --- set-up (the bootstrap of `python -m newsroom`) ---------------------------
CREATING_VENV = "Đang tạo môi trường Python .venv (chỉ lần đầu)…"
INSTALLING = "Đang cài các gói cần thiết từ {file}…"
PYTHON_TOO_OLD = "Cần Python 3.11 trở lên (đang dùng {version})."

# --- help --------------------------------------------------------------------
DESCRIPTION = "Công cụ của trang tin Đoàn: viết, kiểm tra, xem thử, xuất bản."
HELP = {
    "serve": "dựng trang rồi mở tại http://127.0.0.1:8000/",
    "devserver": "mở trang và dựng lại mỗi khi lưu bài",
    "check": "kiểm tra mọi bài viết và danh sách, không dựng gì",
    "new": "tạo bài nháp mới (hỏi từng mục, hoặc --title --date --unit)",
    "new-en": "tạo bản dịch tiếng Anh cho bài có slug đã cho",
    "preview": "dựng riêng một bài (và bản dịch) để xem thử, in địa chỉ",
    "build": "dựng toàn bộ trang vào output/",
    "publish": "dựng bản chính thức (kiểm tra trước, dừng nếu có lỗi)",
    "upload": "tải output/ lên nơi đăng (content/data/site.yml)",
    "deploy": "publish rồi upload",
    "convert-keys": "đổi chức vụ, chú thích ảnh ghi theo số thứ tự (1: …) trong bản "
    "dịch sang ghi theo mã người, đường dẫn ảnh",
}

CONVERTED = "{path}: {name}: {old}: → {new}:"
CONVERTED_SUMMARY = "Đã chuyển {count} bản dịch sang cách ghi theo mã."
