"""Vietnamese labels and hints of every field the editor shows, by field path.

Paths are dotted, with list entries' fields under their list (``speakers.role``).
A test fails when a field of the content model or a registry has no label here.
"""

from __future__ import annotations

# path -> (label, hint)
POST_FIELDS: dict[str, tuple[str, str]] = {
    "title": ("Tiêu đề", "Viết hoa chữ đầu câu và tên riêng."),
    "date": ("Ngày đăng", "Ngày giờ đăng bài (giờ Việt Nam)."),
    "slug": (
        "Đường dẫn",
        "Chữ thường không dấu, nối bằng gạch ngang; để trống thì lấy từ tiêu đề.",
    ),
    "lang": ("Ngôn ngữ", "Do trình soạn thảo điền: vi (bản gốc) hoặc en (bản dịch)."),
    "summary": ("Tóm tắt", "Một hai câu cho danh sách bài và khi chia sẻ."),
    "status": ("Trạng thái", "Bản nháp không bao giờ được đăng lên trang."),
    "event": ("Sự kiện", "Thời gian, địa điểm và đơn vị tổ chức."),
    "event.date": ("Ngày diễn ra", "Để trống nếu trùng ngày đăng."),
    "event.time": ("Buổi / giờ", "Buổi sáng, chiều, tối hoặc giờ cụ thể."),
    "event.place": ("Địa điểm", "Ví dụ: Hội trường Quận ủy Tân Bình."),
    "event.organizer": ("Đơn vị tổ chức", "Chọn trong danh mục đơn vị."),
    "units": ("Đơn vị liên quan", "Chọn một hoặc nhiều đơn vị trong danh mục."),
    "units_note": (
        "Ghi chú về đơn vị",
        "Chỉ khi bài nhắc đơn vị ngoài thời gian hoạt động (bài nhìn lại, kỷ niệm).",
    ),
    "speakers": ("Lãnh đạo phát biểu", "Người được nêu tên, với chức vụ lúc đó."),
    "speakers.name": ("Họ tên", "Chọn trong danh mục nhân vật."),
    "speakers.role": ("Chức vụ", "Chức vụ tại thời điểm sự kiện, bằng tiếng Việt."),
    "speakers.unit": ("Thay mặt đơn vị", "Đơn vị người này đại diện (không bắt buộc)."),
    "speakers.part": ("Vai trò", "Chủ trì, phát biểu hoặc khách mời."),
    "attendees": ("Thành phần tham dự", "Các nhóm người tham dự."),
    "attendees.group": ("Nhóm", "Ví dụ: Thường trực cơ sở Đoàn."),
    "attendees.count": ("Số lượng", "Số nguyên dương, nếu biết."),
    "attendees.approx": ("Số lượng là ước tính", "Ví dụ: chọn «hơn» cho «hơn 40»."),
    "attendees.kind": (
        "Nhóm này là",
        "Dự (mặc định), đại biểu chính thức, được tuyên dương, kết nạp, khách mời.",
    ),
    "photos": ("Ảnh", "Ảnh của sự kiện, theo thứ tự."),
    "photos.src": ("Tệp ảnh", "Tải ảnh lên; ảnh được lưu trong content/photos/."),
    "photos.alt": ("Mô tả ảnh", "Ảnh cho thấy gì, cho người không xem được ảnh."),
    "photos.caption": ("Chú thích", "Dòng chú thích dưới ảnh (không bắt buộc)."),
    "photos.lead": (
        "Ảnh chính",
        "Bật để đưa ảnh này lên đầu bài và thẻ tin (mặc định: ảnh đầu).",
    ),
    "signature": ("Bút danh", "Chữ ký của tác giả hoặc ban biên tập: BQĐ."),
    "tags": ("Chủ đề", "Ví dụ: giao ban, công tác thanh niên."),
    "featured": ("Bài nổi bật", "Bật để đưa bài lên trang chủ."),
    "roles": (
        "Chức vụ bằng tiếng Anh",
        "Chỉ ở bản tiếng Anh: chức vụ của từng người phát biểu, theo thứ tự.",
    ),
    "captions": (
        "Chú thích ảnh bằng tiếng Anh",
        "Chỉ ở bản tiếng Anh: chú thích của từng ảnh, theo thứ tự.",
    ),
    "groups": (
        "Thành phần tham dự bằng tiếng Anh",
        "Chỉ ở bản tiếng Anh: tên tiếng Anh từng thành phần tham dự, theo thứ tự.",
    ),
    "body": ("Nội dung", "Nội dung bài viết."),
}

REGISTRY_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "units": {
        "key": (
            "Mã",
            "Chữ thường không dấu, gạch ngang; dùng trong đường dẫn, đừng đổi.",
        ),
        "name": ("Tên chính thức", "Tên tiếng Việt đầy đủ."),
        "name_en": ("Tên tiếng Anh", "Dùng trong bản tiếng Anh."),
        "short": ("Tên ngắn", "Dạng ngắn dùng trong câu."),
        "kind": ("Cấp", "Cấp của đơn vị."),
        "parent": ("Đơn vị cấp trên", "Bỏ trống với đơn vị gốc và cơ quan Đảng."),
        "aliases": ("Tên gọi khác", "Các cách viết khác gặp trong bài."),
        "names": ("Tên cũ", "Các tên trước đây, kèm ngày bắt đầu và kết thúc."),
        "names.name": ("Tên", "Tên đơn vị trong thời gian đó."),
        "names.name_en": ("Tên tiếng Anh", "Tên tiếng Anh trong thời gian đó."),
        "names.from": ("Từ ngày", "Ngày đầu dùng tên này (không bắt buộc)."),
        "names.until": ("Đến ngày", "Ngày cuối dùng tên này."),
        "founded": ("Ngày thành lập", "Ngày đầu tiên của đơn vị: 01/07/2025."),
        "ended": ("Ngày kết thúc", "Ngày cuối cùng của đơn vị: 30/06/2025."),
        "successor": (
            "Đơn vị kế tục",
            "Đơn vị tiếp nhận công việc khi đơn vị này kết thúc.",
        ),
        "merged_into": ("Sáp nhập vào", "Đơn vị mà đơn vị này được sáp nhập vào."),
        "predecessors": ("Đơn vị tiền thân", "Các đơn vị mà đơn vị này tiếp nhận."),
    },
    "people": {
        "key": ("Mã", "Chữ thường không dấu, gạch ngang; đừng đổi."),
        "name": ("Họ tên", "Họ tên đầy đủ, có dấu."),
        "aliases": ("Tên gọi khác", "Cách viết khác của cùng một người."),
    },
    "glossary": {
        "vi": ("Tiếng Việt", "Cụm từ tiếng Việt."),
        "en": ("Tiếng Anh", "Bản dịch tiếng Anh."),
        "kind": ("Loại", "Chức danh, tên cơ quan hay cụm từ."),
    },
}

REGISTRY_NAMES = {
    "units": ("Đơn vị", "đơn vị"),
    "people": ("Nhân vật", "nhân vật"),
    "glossary": ("Thuật ngữ", "thuật ngữ"),
}

# Vietnamese labels of the values of enumerations (what is written stays English).
CHOICES: dict[str, str] = {
    "published": "Đăng",
    "draft": "Bản nháp",
    "morning": "Buổi sáng",
    "afternoon": "Buổi chiều",
    "evening": "Buổi tối",
    "sáng": "Sáng",
    "chiều": "Chiều",
    "tối": "Tối",
    "chair": "Chủ trì",
    "speaker": "Phát biểu",
    "guest": "Khách mời",
    "vi": "Tiếng Việt",
    "en": "Tiếng Anh",
    "over": "Hơn",
    "about": "Khoảng",
    "under": "Gần (dưới)",
    "nearly": "Gần",
    "present": "Dự",
    "delegates": "Đại biểu chính thức",
    "honoured": "Được tuyên dương",
    "admitted": "Được kết nạp",
    "guests": "Khách mời",
    "central": "Trung ương",
    "province": "Tỉnh, thành phố",
    "district": "Quận, huyện",
    "ward": "Phường, xã",
    "school": "Trường học",
    "commune": "Xã, thị trấn",
    "branch": "Chi đoàn",
    "association": "Hội (LHTN, Sinh viên…)",
    "front": "Mặt trận",
    "agency": "Cơ quan",
    "party": "Cơ quan Đảng",
    "title": "Chức danh",
    "body": "Tên cơ quan",
    "phrase": "Cụm từ",
}
