"""Hold the kinds of events and the sentence templates post bodies are built from."""

from __future__ import annotations

import re
from dataclasses import dataclass

Term = tuple[str, str]  # (Vietnamese, English)

_WORD = re.compile(r"\S*\w\S*")


def count_words(text: str) -> int:
    """Return the number of whitespace-separated tokens holding a letter or digit."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Group:
    """A kind of attendee, with the range its head count falls in."""

    vi: str
    en: str
    low: int
    high: int


GROUPS: dict[str, Group] = {
    "members": Group("đoàn viên, thanh niên", "members and young people", 50, 600),
    "cadres": Group("cán bộ Đoàn chủ chốt", "key Youth Union officers", 20, 150),
    "grassroots": Group(
        "Thường trực cơ sở Đoàn", "standing officers of grassroots chapters", 15, 90
    ),
    "students": Group("sinh viên tình nguyện", "student volunteers", 30, 400),
    "pupils": Group("đội viên, thiếu nhi", "Young Pioneers and children", 40, 400),
    "delegates": Group("đại biểu", "delegates", 30, 300),
    "volunteers": Group("chiến sĩ tình nguyện", "volunteers", 20, 250),
    "secretaries": Group("Bí thư chi đoàn", "branch secretaries", 20, 120),
    "workers": Group("thanh niên công nhân", "young workers", 50, 300),
    "executive": Group("ủy viên Ban Chấp hành", "Executive Committee members", 15, 45),
    "residents": Group("người dân", "residents", 50, 500),
    "candidates": Group(
        "thí sinh và người nhà", "candidates and their families", 100, 900
    ),
    "families": Group(
        "gia đình chính sách, hộ nghèo",
        "poor households and families of war heroes",
        20,
        200,
    ),
}


@dataclass(frozen=True)
class EventKind:
    """A kind of event a post reports: its titles, tags, attendees and sentences."""

    key: str
    weight: float
    title: Term
    phrase: Term  # what the organiser held: "lễ ra quân ..."
    noun: Term  # how the body refers back to it: "lễ ra quân"
    tags: tuple[str, ...]
    groups: tuple[str, ...]
    sentences_vi: tuple[str, ...]
    sentences_en: tuple[str, ...]
    months: tuple[int, ...] = ()  # months it usually happens in; empty: any
    unit_kinds: tuple[str, ...] = ()  # organiser kinds; empty: any
    years: tuple[int, ...] = ()  # the only years it happens in; empty: any
    min_year: int = 0
    brands: tuple[Term, ...] = ()


EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind(
        "summer-volunteers",
        8,
        (
            "{org} ra quân Chiến dịch Thanh niên tình nguyện hè năm {year}",
            "{org_en} launches the {year} Summer Youth Volunteer Campaign",
        ),
        (
            "lễ ra quân Chiến dịch Thanh niên tình nguyện hè năm {year}",
            "a ceremony to launch the {year} Summer Youth Volunteer Campaign",
        ),
        ("lễ ra quân", "the launch ceremony"),
        ("tình nguyện", "Chiến dịch Thanh niên tình nguyện hè"),
        ("members", "volunteers", "pupils", "cadres"),
        (
            "Chiến dịch năm nay được triển khai với {n1} đội hình tình nguyện, tập "
            "trung vào các phần việc bảo vệ môi trường, xây dựng nông thôn mới và "
            "chăm lo cho thiếu nhi.",
            "Các đội hình sẽ sửa chữa, nâng cấp {n1} tuyến đường giao thông nông "
            "thôn, thắp sáng {n1b} km đường quê và trồng mới {n3} cây xanh.",
            "Trong khuôn khổ chiến dịch, Ban Tổ chức đã trao tặng {n1} suất quà cho "
            "thiếu nhi có hoàn cảnh khó khăn và bàn giao {few} công trình “Thắp sáng "
            "đường quê”.",
            "Chiến dịch Thanh niên tình nguyện hè năm {year} sẽ kéo dài đến hết tháng "
            "8, phát huy vai trò xung kích của tuổi trẻ trong phát triển kinh tế – xã "
            "hội.",
        ),
        (
            "This year's campaign involves {n1} volunteer teams focusing on "
            "environmental protection, new rural development and care for children.",
            "The teams will repair and upgrade {n1} rural roads, light {n1b} "
            "kilometres of village lanes and plant {n3} trees.",
            "As part of the campaign, the organisers presented {n1} gifts to "
            "disadvantaged children and handed over {few} “Lighting up village roads” "
            "projects.",
            "The {year} Summer Youth Volunteer Campaign runs until the end of August "
            "and puts young people at the forefront of socio-economic development.",
        ),
        months=(5, 6, 7),
    ),
    EventKind(
        "green-summer",
        10,
        (
            "{org} ra quân Chiến dịch tình nguyện Mùa hè xanh năm {year}",
            "{org_en} launches the {year} Green Summer volunteer campaign",
        ),
        (
            "lễ xuất quân Chiến dịch tình nguyện Mùa hè xanh năm {year}",
            "a send-off ceremony for the {year} Green Summer volunteer campaign",
        ),
        ("lễ xuất quân", "the send-off ceremony"),
        ("Chiến dịch Mùa hè xanh", "sinh viên tình nguyện"),
        ("students", "cadres", "delegates"),
        (
            "Năm nay, {n2} chiến sĩ sinh viên tình nguyện sẽ về {n1} xã vùng sâu, "
            "vùng xa để thực hiện các công trình, phần việc thanh niên.",
            "Các chiến sĩ Mùa hè xanh sẽ tham gia xóa mù chữ, dạy học hè và hướng dẫn "
            "người dân ứng dụng khoa học kỹ thuật vào sản xuất.",
            "Đây là năm thứ {few2} liên tiếp {org} tổ chức chiến dịch tại các địa "
            "phương còn nhiều khó khăn.",
            "Ngoài các phần việc truyền thống, sinh viên còn hỗ trợ người dân sử dụng "
            "dịch vụ công trực tuyến và quảng bá nông sản trên sàn thương mại điện tử.",
        ),
        (
            "This year, {n2} student volunteers will travel to {n1} remote communes "
            "to carry out youth projects.",
            "The Green Summer volunteers will teach literacy and summer classes and "
            "show farmers how to apply science and technology to production.",
            "It is the {few2_th} consecutive year that {the_org} has run the campaign "
            "in disadvantaged localities.",
            "Beyond the traditional work, the students will help residents use online "
            "public services and sell farm produce on e-commerce platforms.",
        ),
        months=(6, 7),
        unit_kinds=("school",),
    ),
    EventKind(
        "youth-month",
        6,
        (
            "Lễ ra quân Tháng Thanh niên năm {year} tại {where}",
            "Youth Month {year} launched in {where_en}",
        ),
        (
            "lễ ra quân Tháng Thanh niên năm {year} với chủ đề “{brand}”",
            "the launch of Youth Month {year} under the theme “{brand_en}”",
        ),
        ("lễ ra quân", "the launch ceremony"),
        ("Tháng Thanh niên",),
        ("members", "cadres", "workers"),
        (
            "Tháng Thanh niên năm {year} có nhiều hoạt động thiết thực như “Ngày Chủ "
            "nhật xanh”, “Ngày thứ Bảy tình nguyện”, hiến máu tình nguyện và chăm lo "
            "cho thanh niên công nhân.",
            "Trong tháng, các cơ sở Đoàn sẽ tổ chức lễ trưởng thành Đoàn, kết nạp "
            "đoàn viên mới và tuyên dương thanh niên tiêu biểu.",
            "Ngay sau lễ ra quân, đoàn viên, thanh niên đã tham gia dọn vệ sinh môi "
            "trường, trồng cây xanh tại các tuyến đường trung tâm.",
        ),
        (
            "Youth Month {year} includes practical activities such as “Green Sunday”, "
            "“Volunteer Saturday”, blood donation and support for young workers.",
            "During the month, grassroots chapters will hold coming-of-age "
            "ceremonies, admit new members and honour outstanding young people.",
            "Right after the launch, members cleaned up the neighbourhood and planted "
            "trees along the central streets.",
        ),
        months=(3,),
        brands=(
            (
                "Tuổi trẻ tiên phong chuyển đổi số",
                "Young people pioneering digital transformation",
            ),
            (
                "Thanh niên sống đẹp, sống có trách nhiệm",
                "Young people living well and responsibly",
            ),
            (
                "Tuổi trẻ xung kích, sáng tạo, tình nguyện vì cộng đồng",
                "Young people pioneering, creating and volunteering for the community",
            ),
            ("Thanh niên với văn hóa giao thông", "Young people and traffic culture"),
        ),
    ),
    EventKind(
        "anniversary",
        5,
        (
            "{org} kỷ niệm {anniv} năm Ngày thành lập Đoàn TNCS Hồ Chí Minh",
            "{org_en} celebrates the {anniv_en} anniversary of the Ho Chi Minh "
            "Communist Youth Union",
        ),
        (
            "lễ kỷ niệm {anniv} năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 – "
            "26/3/{year})",
            "a ceremony marking the {anniv_en} anniversary of the founding of the Ho "
            "Chi Minh Communist Youth Union (26 March 1931 – 26 March {year})",
        ),
        ("lễ kỷ niệm", "the ceremony"),
        ("26/3", "truyền thống Đoàn"),
        ("delegates", "members", "cadres"),
        (
            "Tại buổi lễ, các đại biểu đã cùng ôn lại truyền thống vẻ vang của Đoàn "
            "TNCS Hồ Chí Minh qua {anniv} năm xây dựng và trưởng thành.",
            "Dưới sự lãnh đạo của Đảng, các thế hệ đoàn viên, thanh niên đã không "
            "ngại hy sinh, gian khổ, xung kích trên mọi lĩnh vực của đời sống xã hội.",
            "Nhân dịp này, {org} đã trao Huy hiệu “Tuổi trẻ sáng tạo” cho {n1} đoàn "
            "viên có sáng kiến xuất sắc.",
            "Buổi lễ khép lại với chương trình văn nghệ đặc sắc ca ngợi Đảng, Bác Hồ "
            "và tuổi trẻ Việt Nam.",
        ),
        (
            "At the ceremony, delegates looked back on the proud history of the Ho "
            "Chi Minh Communist Youth Union over {anniv} years.",
            "Under the leadership of the Party, generations of young people have "
            "faced hardship and sacrifice and led the way in every field of social "
            "life.",
            "On this occasion, {the_org} presented the “Creative Youth” badge to {n1} "
            "members with outstanding initiatives.",
            "The ceremony ended with a performance celebrating the Party, Uncle Ho "
            "and the young people of Viet Nam.",
        ),
        months=(3,),
    ),
    EventKind(
        "blood-drive",
        7,
        (
            "{org} tổ chức ngày hội hiến máu “{brand}” năm {year}",
            "{org_en} holds the {year} “{brand_en}” blood donation festival",
        ),
        (
            "ngày hội hiến máu tình nguyện “{brand}” năm {year}",
            "the {year} “{brand_en}” voluntary blood donation festival",
        ),
        ("ngày hội", "the festival"),
        ("hiến máu tình nguyện",),
        ("members", "workers", "students", "residents"),
        (
            "Ngay từ sáng sớm, đông đảo đoàn viên, thanh niên, cán bộ, công chức và "
            "người dân đã có mặt để đăng ký hiến máu.",
            "Kết thúc ngày hội, Ban Tổ chức đã tiếp nhận {n2} đơn vị máu, vượt chỉ "
            "tiêu đề ra.",
            "Lượng máu tiếp nhận sẽ được chuyển về các bệnh viện để kịp thời cấp cứu "
            "và điều trị cho người bệnh.",
            "Nhiều bạn trẻ đã hiến máu từ {few2} lần trở lên, trở thành những tấm "
            "gương lan tỏa tinh thần sẻ chia trong cộng đồng.",
        ),
        (
            "From early morning, members, young people, civil servants and residents "
            "arrived to register to give blood.",
            "By the end of the festival, the organisers had collected {n2} units of "
            "blood, more than the target.",
            "The blood will go to hospitals to treat emergency patients in time.",
            "Many young donors have given blood {few2} times or more and inspire "
            "others to share with the community.",
        ),
        months=(1, 2, 6),
        brands=(
            ("Giọt hồng yêu thương", "Drops of Love"),
            ("Chủ nhật Đỏ", "Red Sunday"),
            ("Hành trình Đỏ", "Red Journey"),
            ("Lễ hội Xuân hồng", "Pink Spring Festival"),
            ("Giọt máu nghĩa tình", "Drops of Kindness"),
        ),
    ),
    EventKind(
        "volunteer-spring",
        5,
        (
            "{org} khởi động chương trình Xuân tình nguyện năm {year}",
            "{org_en} launches the {year} Volunteer Spring programme",
        ),
        (
            "lễ khởi động chương trình Xuân tình nguyện năm {year}",
            "the launch of the {year} Volunteer Spring programme",
        ),
        ("chương trình", "the programme"),
        ("Xuân tình nguyện", "Tết"),
        ("members", "families", "volunteers"),
        (
            "Chương trình nhằm chăm lo Tết cho đoàn viên, thanh niên, thiếu nhi, gia "
            "đình chính sách và hộ nghèo.",
            "Trong dịp Tết, các cơ sở Đoàn sẽ tổ chức {few} “Phiên chợ 0 đồng” và "
            "tặng {n2} phần quà cho người dân có hoàn cảnh khó khăn.",
            "Các đội hình thanh niên tình nguyện cũng tham gia bảo đảm an ninh trật "
            "tự, an toàn giao thông trong dịp Tết Nguyên đán.",
            "Chương trình “Tết sum vầy” hỗ trợ vé xe cho {n2} công nhân, sinh viên về "
            "quê đón Tết.",
        ),
        (
            "The programme helps members, young people, children, poor households and "
            "families of war heroes celebrate Tet.",
            "During Tet, grassroots chapters will hold {few} “zero-dong markets” and "
            "give {n2} gifts to residents in difficulty.",
            "Volunteer teams will also help keep order and road safety during the "
            "Lunar New Year holiday.",
            "The “Tet Reunion” programme pays bus fares for {n2} workers and students "
            "going home for Tet.",
        ),
        months=(1, 2),
    ),
    EventKind(
        "exam-support",
        4,
        (
            "Tiếp sức mùa thi năm {year}: {n} tình nguyện viên hỗ trợ thí sinh tại "
            "{where}",
            "Exam Support {year}: {n} volunteers help candidates in {where_en}",
        ),
        (
            "lễ ra quân chương trình Tiếp sức mùa thi năm {year}",
            "the launch of the {year} Exam Support programme",
        ),
        ("lễ ra quân", "the launch"),
        ("Tiếp sức mùa thi", "thi tốt nghiệp THPT"),
        ("students", "candidates", "volunteers"),
        (
            "Các tình nguyện viên sẽ hướng dẫn thí sinh đến điểm thi, hỗ trợ chỗ ở "
            "miễn phí, suất ăn và nước uống cho thí sinh và người nhà.",
            "Trong kỳ thi tốt nghiệp trung học phổ thông năm {year}, chương trình bố "
            "trí {n1} đội hình tại các điểm thi.",
            "Nhiều tình nguyện viên là sinh viên các trường đại học, cao đẳng đóng "
            "trên địa bàn.",
        ),
        (
            "The volunteers will guide candidates to exam venues and offer free "
            "accommodation, meals and drinking water to candidates and their families.",
            "For the {year} high school graduation exam, the programme deploys {n1} "
            "teams at exam venues.",
            "Many of the volunteers study at local universities and colleges.",
        ),
        months=(6, 7),
        unit_kinds=("province", "district", "school"),
    ),
    EventKind(
        "digital-skills",
        5,
        (
            "{org} tập huấn kỹ năng chuyển đổi số cho {n} cán bộ Đoàn chủ chốt",
            "{org_en} trains {n} key Youth Union officers in digital transformation",
        ),
        (
            "lớp tập huấn kỹ năng chuyển đổi số cho cán bộ Đoàn chủ chốt",
            "a digital transformation course for key Youth Union officers",
        ),
        ("lớp tập huấn", "the course"),
        ("chuyển đổi số", "tập huấn"),
        ("cadres", "secretaries", "grassroots"),
        (
            "Các học viên được trang bị kiến thức về chính quyền số, kinh tế số, xã "
            "hội số và kỹ năng bảo đảm an toàn thông tin trên không gian mạng.",
            "Lớp tập huấn cũng hướng dẫn sử dụng ứng dụng “Thanh niên Việt Nam” trong "
            "quản lý đoàn viên và sinh hoạt chi đoàn.",
            "Sau khóa học, mỗi học viên sẽ trở thành hạt nhân hướng dẫn người dân ở "
            "cơ sở cài đặt ứng dụng định danh điện tử VNeID.",
            "Năm {year}, {scope} đã có {n2} đoàn viên tham gia các tổ công nghệ số "
            "cộng đồng.",
        ),
        (
            "Participants learnt about digital government, the digital economy and "
            "the digital society, and how to stay safe online.",
            "The course also covered the “Thanh niên Việt Nam” app for managing "
            "members and running branch meetings.",
            "After the course, each participant will help residents install the VNeID "
            "electronic identification app.",
            "In {year}, {n2} members {scope_en} joined community digital technology "
            "teams.",
        ),
        min_year=2019,
    ),
    EventKind(
        "start-up-forum",
        4,
        (
            "Diễn đàn “Thanh niên khởi nghiệp, lập nghiệp” năm {year} tại {where}",
            "{year} forum on young entrepreneurs held in {where_en}",
        ),
        (
            "diễn đàn “Thanh niên khởi nghiệp, lập nghiệp” năm {year}",
            "the {year} forum “Young people starting businesses and careers”",
        ),
        ("diễn đàn", "the forum"),
        ("khởi nghiệp", "thanh niên lập nghiệp"),
        ("members", "delegates", "workers"),
        (
            "Tại diễn đàn, nhiều mô hình khởi nghiệp của thanh niên đã được giới "
            "thiệu, từ sản xuất nông sản sạch, du lịch cộng đồng đến ứng dụng công "
            "nghệ thông tin.",
            "Các chuyên gia đã chia sẻ kinh nghiệm xây dựng thương hiệu, tiếp cận "
            "nguồn vốn và quảng bá sản phẩm trên môi trường số.",
            "Thông qua Ngân hàng Chính sách xã hội, Đoàn Thanh niên đang quản lý "
            "nguồn vốn ủy thác hơn {money} tỷ đồng, giúp {n2} thanh niên có vốn phát "
            "triển kinh tế.",
            "Nhiều đại biểu mong muốn được hỗ trợ nhiều hơn về mặt bằng sản xuất và "
            "thủ tục pháp lý khi thành lập doanh nghiệp.",
        ),
        (
            "The forum showcased start-ups founded by young people, from clean farm "
            "produce and community tourism to information technology.",
            "Experts shared their experience of building brands, raising finance and "
            "marketing products online.",
            "Through the Vietnam Bank for Social Policies, the Youth Union manages "
            "entrusted loans of over {money} billion dong that have helped {n2} young "
            "people build their businesses.",
            "Many delegates asked for more help with production premises and the "
            "legal steps of setting up a company.",
        ),
    ),
    EventKind(
        "plenary",
        5,
        (
            "Hội nghị Ban Chấp hành {org} lần thứ {nth}, nhiệm kỳ {term}",
            "The {nth_en} plenary meeting of the {org_en} Executive Committee, {term} "
            "term",
        ),
        (
            "Hội nghị Ban Chấp hành lần thứ {nth}, nhiệm kỳ {term}",
            "the {nth_en} plenary meeting of its Executive Committee for the {term} "
            "term",
        ),
        ("hội nghị", "the meeting"),
        ("hội nghị Ban Chấp hành",),
        ("executive",),
        (
            "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ công tác Đoàn và phong "
            "trào thanh thiếu nhi thời gian qua, thảo luận phương hướng, nhiệm vụ "
            "thời gian tới.",
            "Các đại biểu đã tập trung thảo luận, đóng góp nhiều ý kiến tâm huyết về "
            "giải pháp nâng cao chất lượng tổ chức cơ sở Đoàn.",
            "Hội nghị cũng tiến hành kiện toàn chức danh và bầu bổ sung {few} ủy viên "
            "Ban Chấp hành.",
            "Hội nghị đã biểu quyết thông qua chương trình công tác năm {next_year} "
            "với {few2} nhóm nhiệm vụ trọng tâm.",
        ),
        (
            "The meeting assessed the work of the Youth Union and the youth and "
            "children's movement so far and discussed the tasks ahead.",
            "Delegates contributed many heartfelt ideas on how to strengthen "
            "grassroots chapters.",
            "The meeting also filled vacant posts and elected {few} additional "
            "members of the Executive Committee.",
            "It adopted the {next_year} work programme with {few2} groups of key "
            "tasks.",
        ),
    ),
    EventKind(
        "year-review",
        5,
        (
            "{org} tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm "
            "{review_year}",
            "{org_en} reviews its work with young people and children in {review_year}",
        ),
        (
            "hội nghị tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm "
            "{review_year}",
            "a conference reviewing Youth Union work and the youth and children's "
            "movement in {review_year}",
        ),
        ("hội nghị", "the conference"),
        ("tổng kết", "công tác Đoàn"),
        ("cadres", "grassroots", "executive"),
        (
            "Năm {review_year}, {scope} đã kết nạp {n2} đoàn viên mới, đạt {pct}% chỉ "
            "tiêu đề ra.",
            "Các phong trào hành động cách mạng tiếp tục được triển khai hiệu quả, để "
            "lại nhiều dấu ấn tốt đẹp trong lòng nhân dân.",
            "Hội nghị đã khen thưởng {n1} tập thể và {n1b} cá nhân có thành tích xuất "
            "sắc trong công tác Đoàn và phong trào thanh thiếu nhi năm {review_year}.",
            "Đánh giá chung cho thấy, công tác Đoàn năm {review_year} đã có nhiều đổi "
            "mới, sáng tạo, hướng mạnh về cơ sở.",
        ),
        (
            "In {review_year}, {n2} new members were admitted {scope_en}, {pct}% of "
            "the target.",
            "The movements of the Youth Union were carried out effectively and left a "
            "good impression on local people.",
            "The conference honoured {n1} groups and {n1b} individuals for "
            "outstanding work in {review_year}.",
            "Overall, the Youth Union's work in {review_year} was innovative and "
            "focused on the grassroots.",
        ),
        months=(12, 1),
    ),
    EventKind(
        "quarterly-review",
        3,
        (
            "{org} giao ban công tác Đoàn quý {quarter} năm {year}",
            "{org_en} reviews Youth Union work in the {quarter_en} quarter of {year}",
        ),
        (
            "hội nghị giao ban công tác Đoàn quý {quarter} năm {year}",
            "a meeting to review Youth Union work in the {quarter_en} quarter of "
            "{year}",
        ),
        ("hội nghị giao ban", "the meeting"),
        ("giao ban",),
        ("grassroots", "cadres"),
        (
            "Tại hội nghị, các đơn vị đã báo cáo kết quả triển khai nhiệm vụ trong "
            "quý, chia sẻ cách làm hay và những khó khăn, vướng mắc ở cơ sở.",
            "Nhiều ý kiến đề xuất tăng cường kinh phí hoạt động và đào tạo, bồi dưỡng "
            "đội ngũ Bí thư chi đoàn.",
            "Ban Thường vụ đã giải đáp các kiến nghị và thống nhất nhiệm vụ trọng tâm "
            "trong quý tới.",
        ),
        (
            "Units reported on the quarter's work and shared good practice as well as "
            "the difficulties they face at the grassroots.",
            "Many called for more operating funds and more training for branch "
            "secretaries.",
            "The Standing Committee answered the proposals and agreed on the key "
            "tasks for the next quarter.",
        ),
    ),
    EventKind(
        "scholarships",
        4,
        (
            "{org} trao {n} suất học bổng “{brand}” cho học sinh nghèo vượt khó",
            "{org_en} awards {n} “{brand_en}” scholarships to disadvantaged pupils",
        ),
        (
            "lễ trao học bổng “{brand}” năm {year}",
            "a ceremony awarding the {year} “{brand_en}” scholarships",
        ),
        ("buổi lễ", "the ceremony"),
        ("học bổng", "an sinh xã hội"),
        ("pupils", "families", "delegates"),
        (
            "Mỗi suất học bổng trị giá từ 1 đến 3 triệu đồng, kèm theo sách vở và đồ "
            "dùng học tập.",
            "Các em nhận học bổng đều có hoàn cảnh đặc biệt khó khăn nhưng luôn nỗ "
            "lực vươn lên trong học tập.",
            "Nguồn kinh phí được vận động từ các doanh nghiệp, nhà hảo tâm và đoàn "
            "viên, thanh niên với tổng trị giá hơn {money} triệu đồng.",
        ),
        (
            "Each scholarship is worth one to three million dong, with books and "
            "school supplies.",
            "All the recipients come from very poor families yet keep working hard at "
            "school.",
            "The funds, worth over {money} million dong, came from businesses, donors "
            "and members.",
        ),
        months=(5, 6, 8, 9),
        brands=(
            ("Thắp sáng ước mơ", "Lighting up dreams"),
            ("Vừ A Dính", "Vu A Dinh"),
            ("Tiếp bước cho em đến trường", "Helping children to school"),
            ("Ươm mầm tài năng", "Nurturing talent"),
        ),
    ),
    EventKind(
        "admission",
        3,
        ("{org} kết nạp {n} đoàn viên mới", "{org_en} admits {n} new members"),
        ("lễ kết nạp đoàn viên mới", "a ceremony to admit new members"),
        ("lễ kết nạp", "the ceremony"),
        ("kết nạp đoàn viên", "đoàn viên"),
        ("pupils", "members", "delegates"),
        (
            "Các đoàn viên mới đều đã được bồi dưỡng nhận thức về Đoàn và được rèn "
            "luyện, thử thách qua thực tiễn.",
            "Thay mặt các đoàn viên mới, em {youth} bày tỏ niềm tự hào và hứa sẽ luôn "
            "phấn đấu, rèn luyện xứng đáng với niềm tin của tổ chức Đoàn.",
            "Ngay sau lễ kết nạp, các đoàn viên mới đã dâng hương, báo công tại khu "
            "di tích lịch sử trên địa bàn.",
        ),
        (
            "All the new members had studied the Youth Union's history and proved "
            "themselves in practice.",
            "On behalf of the new members, {youth} said how proud they were and "
            "promised to live up to the trust of the Youth Union.",
            "Right after the ceremony, the new members offered incense at a local "
            "historic site.",
        ),
        months=(3, 5, 9, 12),
    ),
    EventKind(
        "honours",
        3,
        (
            "{org} tuyên dương {n} gương thanh niên tiêu biểu năm {year}",
            "{org_en} honours {n} outstanding young people of {year}",
        ),
        (
            "lễ tuyên dương thanh niên tiêu biểu năm {year}",
            "a ceremony honouring the outstanding young people of {year}",
        ),
        ("lễ tuyên dương", "the ceremony"),
        ("tuyên dương", "gương sáng"),
        ("delegates", "members"),
        (
            "Các gương mặt được tuyên dương là những thanh niên tiêu biểu trên các "
            "lĩnh vực học tập, lao động sản xuất, nghiên cứu khoa học, bảo vệ Tổ quốc "
            "và hoạt động tình nguyện.",
            "Trong số đó có {youth}, kỹ sư trẻ đã có {few} sáng kiến cải tiến kỹ "
            "thuật được áp dụng hiệu quả trong sản xuất.",
            "Nhiều gương thanh niên đã vượt qua hoàn cảnh khó khăn, trở thành chủ "
            "doanh nghiệp trẻ, tạo việc làm cho hàng chục lao động địa phương.",
        ),
        (
            "Those honoured excelled in study, work, research, national defence and "
            "volunteering.",
            "Among them is {youth}, a young engineer whose {few} technical "
            "improvements are now used in production.",
            "Many overcame hardship to found their own businesses, creating jobs for "
            "dozens of local workers.",
        ),
        months=(3, 12, 1),
    ),
    EventKind(
        "youth-project",
        3,
        (
            "Khánh thành công trình thanh niên “{brand}” tại {where}",
            "Youth project “{brand_en}” opens in {where_en}",
        ),
        (
            "lễ khánh thành, bàn giao công trình thanh niên “{brand}”",
            "a ceremony to open and hand over the youth project “{brand_en}”",
        ),
        ("buổi lễ", "the ceremony"),
        ("công trình thanh niên",),
        ("residents", "members", "pupils"),
        (
            "Công trình có tổng kinh phí {money}0 triệu đồng, cùng hàng trăm ngày "
            "công lao động của đoàn viên, thanh niên.",
            "Công trình góp phần cải thiện điều kiện sinh hoạt, học tập và vui chơi "
            "của người dân và thiếu nhi địa phương.",
            "Đây là một trong {n1} công trình thanh niên được {org} triển khai trong "
            "năm {year}.",
        ),
        (
            "The project cost {money}0 million dong, plus hundreds of days of work by "
            "members.",
            "It improves the living, learning and playing conditions of local "
            "residents and children.",
            "It is one of {n1} youth projects {the_org} is carrying out in {year}.",
        ),
        brands=(
            ("Thắp sáng đường quê", "Lighting up village roads"),
            ("Sân chơi cho em", "A playground for children"),
            ("Nhà nhân ái", "House of Compassion"),
            ("Cầu nông thôn", "Rural bridge"),
            ("Tuyến đường hoa thanh niên", "Youth flower road"),
            ("Bể bơi di động", "Mobile swimming pool"),
            ("Tủ sách thanh niên", "Youth bookshelf"),
        ),
    ),
    EventKind(
        "congress",
        40,
        (
            "Đại hội đại biểu {org} lần thứ {roman}, nhiệm kỳ {term}",
            "The {nth_en} congress of the {org_en}, {term} term",
        ),
        (
            "Đại hội đại biểu lần thứ {roman}, nhiệm kỳ {term}",
            "its {nth_en} congress for the {term} term",
        ),
        ("đại hội", "the congress"),
        ("đại hội Đoàn",),
        ("delegates",),
        (
            "Đại hội đã đánh giá kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ trước, "
            "đề ra mục tiêu, nhiệm vụ và giải pháp cho nhiệm kỳ mới.",
            "Đại hội đã bầu Ban Chấp hành khóa mới gồm {n1} đồng chí và bầu đoàn đại "
            "biểu dự Đại hội cấp trên.",
            "Khẩu hiệu hành động của nhiệm kỳ mới là “Tuổi trẻ {place}: Đoàn kết – "
            "Bản lĩnh – Tiên phong – Sáng tạo”.",
            "Đại hội thông qua {few2} chỉ tiêu trọng tâm, trong đó có chỉ tiêu 100% "
            "cơ sở Đoàn ứng dụng chuyển đổi số trong quản lý đoàn viên.",
        ),
        (
            "The congress reviewed the resolution of the previous term and set the "
            "goals, tasks and measures for the new one.",
            "It elected a new Executive Committee of {n1} members and a delegation to "
            "the congress above.",
            "The motto of the new term is “Youth of {place_en}: Unity – Courage – "
            "Pioneering – Creativity”.",
            "It adopted {few2} key targets, among them digital membership management "
            "in every grassroots chapter.",
        ),
        months=(4, 5, 6, 7, 8, 9),
        years=(2017, 2022),
    ),
    EventKind(
        "welfare",
        4,
        (
            "{org} trao {n} phần quà an sinh xã hội cho gia đình chính sách, hộ nghèo",
            "{org_en} presents {n} welfare gifts to poor households and families of "
            "war heroes",
        ),
        ("chương trình an sinh xã hội", "a social welfare programme"),
        ("chương trình", "the programme"),
        ("an sinh xã hội", "tình nguyện"),
        ("families", "members"),
        (
            "Mỗi phần quà gồm tiền mặt và nhu yếu phẩm trị giá từ 500.000 đến "
            "1.000.000 đồng.",
            "Bên cạnh trao quà, các đoàn viên còn thăm hỏi, động viên các Mẹ Việt Nam "
            "anh hùng, thương binh, bệnh binh trên địa bàn.",
            "Chương trình được tổ chức từ nguồn vận động xã hội hóa với tổng trị giá "
            "hơn {money} triệu đồng.",
        ),
        (
            "Each gift holds cash and essentials worth 500,000 to 1,000,000 dong.",
            "Members also visited Vietnamese Heroic Mothers and wounded and sick "
            "veterans in the area.",
            "The programme was funded by donations worth over {money} million dong.",
        ),
        months=(1, 2, 7, 10),
    ),
    EventKind(
        "secretary-contest",
        2,
        (
            "{org} tổ chức Hội thi Bí thư chi đoàn giỏi năm {year}",
            "{org_en} holds its {year} contest for outstanding branch secretaries",
        ),
        (
            "vòng chung kết Hội thi Bí thư chi đoàn giỏi năm {year}",
            "the final of its {year} contest for outstanding branch secretaries",
        ),
        ("hội thi", "the contest"),
        ("Bí thư chi đoàn", "hội thi"),
        ("secretaries", "cadres"),
        (
            "Hội thi thu hút {n1} thí sinh là Bí thư chi đoàn đến từ các cơ sở Đoàn "
            "trực thuộc.",
            "Các thí sinh trải qua ba phần thi: chào hỏi, kiến thức và xử lý tình "
            "huống trong công tác Đoàn.",
            "Kết quả, Ban Tổ chức đã trao {few} giải Nhất, {few2} giải Nhì và nhiều "
            "giải Khuyến khích cho các thí sinh.",
        ),
        (
            "The contest drew {n1} branch secretaries from the chapters below.",
            "Contestants went through three rounds: introductions, knowledge and "
            "handling real situations in Youth Union work.",
            "The organisers awarded {few} first prizes, {few2} second prizes and "
            "several consolation prizes.",
        ),
    ),
    EventKind(
        "road-safety",
        2,
        (
            "Thanh niên {place} ra quân bảo đảm trật tự an toàn giao thông năm {year}",
            "Young people in {place_en} turn out for road safety in {year}",
        ),
        (
            "lễ ra quân hưởng ứng Năm An toàn giao thông {year}",
            "a rally for Road Safety Year {year}",
        ),
        ("lễ ra quân", "the rally"),
        ("an toàn giao thông",),
        ("members", "pupils", "volunteers"),
        (
            "Các đội hình thanh niên tình nguyện đã phát tờ rơi, hướng dẫn người dân "
            "chấp hành quy định khi tham gia giao thông.",
            "Chương trình trao tặng {n2} mũ bảo hiểm đạt chuẩn cho học sinh tiểu học.",
            "Mô hình “Cổng trường an toàn giao thông” được duy trì tại {n1} trường "
            "học.",
        ),
        (
            "Volunteer teams handed out leaflets and showed people how to follow the "
            "traffic rules.",
            "The programme gave {n2} approved helmets to primary school pupils.",
            "The “Safe school gates” model is kept up at {n1} schools.",
        ),
    ),
)

# Sentences any post can use to fill its body, in Vietnamese.
GENERAL_VI: tuple[str, ...] = (
    "Trong những năm qua, phong trào thanh niên tình nguyện ở {where} tiếp tục được "
    "triển khai sâu rộng, thu hút đông đảo đoàn viên, thanh niên tham gia.",
    "Các cấp bộ Đoàn đã chủ động đổi mới nội dung, phương thức hoạt động, hướng mạnh "
    "về cơ sở, lấy đoàn viên, thanh niên làm trung tâm.",
    "Chỉ tính riêng năm {year}, {scope} đã tổ chức {n1} đợt hiến máu tình nguyện, "
    "tiếp nhận hơn {n2} đơn vị máu an toàn.",
    "Chiến dịch Thanh niên tình nguyện hè đã huy động hơn {n2} lượt đoàn viên, thanh "
    "niên sửa chữa {n1} tuyến đường giao thông nông thôn và trồng mới {n3} cây xanh.",
    "Công tác giáo dục chính trị, tư tưởng, đạo đức, lối sống cho thanh thiếu nhi "
    "được chú trọng, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách "
    "Hồ Chí Minh.",
    "Phong trào “Thanh niên tình nguyện”, “Tuổi trẻ sáng tạo” và “Tuổi trẻ xung kích "
    "bảo vệ Tổ quốc” tiếp tục là những phong trào hành động cách mạng trọng tâm của "
    "tuổi trẻ {where}.",
    "Nhiều mô hình hay, cách làm sáng tạo như “Chi đoàn số”, “Ngày thứ Bảy tình "
    "nguyện”, “Thắp sáng đường quê” đã được nhân rộng.",
    "Trong công tác chuyển đổi số, các cơ sở Đoàn đã hướng dẫn người dân sử dụng dịch "
    "vụ công trực tuyến và thanh toán không dùng tiền mặt.",
    "Hơn {n1} tổ công nghệ số cộng đồng do đoàn viên làm nòng cốt đã được thành lập, "
    "hỗ trợ hàng nghìn hộ gia đình tiếp cận nền tảng số.",
    "Công tác hỗ trợ thanh niên khởi nghiệp, lập nghiệp được quan tâm; {n1} dự án "
    "khởi nghiệp của thanh niên đã được hỗ trợ vốn vay với tổng dư nợ hơn {money} tỷ "
    "đồng.",
    "Hoạt động an sinh xã hội được triển khai thường xuyên, với {n2} phần quà được "
    "trao tặng cho gia đình chính sách, hộ nghèo và thiếu nhi có hoàn cảnh khó khăn.",
    "Công tác xây dựng tổ chức cơ sở Đoàn vững mạnh được quan tâm; trong năm, {scope} "
    "kết nạp {n2} đoàn viên mới và giới thiệu {n1} đoàn viên ưu tú cho Đảng xem xét, "
    "kết nạp.",
    "Đội ngũ cán bộ Đoàn ngày càng trưởng thành, năng động, có bản lĩnh chính trị "
    "vững vàng, sẵn sàng nhận và hoàn thành tốt các nhiệm vụ được giao.",
    "Việc chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của thanh thiếu nhi "
    "được thực hiện thông qua nhiều chương trình thiết thực.",
    "Các hoạt động văn hóa, văn nghệ, thể dục thể thao được tổ chức sôi nổi, tạo sân "
    "chơi lành mạnh cho thanh thiếu nhi trong dịp hè.",
    "Phong trào “Sinh viên 5 tốt”, “Học sinh 3 rèn luyện” tiếp tục được đẩy mạnh "
    "trong các nhà trường.",
    "Bên cạnh những kết quả đạt được, công tác Đoàn và phong trào thanh thiếu nhi vẫn "
    "còn một số hạn chế cần khắc phục, nhất là ở các chi đoàn nông thôn.",
    "Một số cơ sở Đoàn chưa thật sự chủ động trong việc nắm bắt tình hình tư tưởng, "
    "nhu cầu chính đáng của đoàn viên, thanh niên.",
    "Thời gian tới, các cấp bộ Đoàn cần tiếp tục nâng cao chất lượng sinh hoạt chi "
    "đoàn, đổi mới phương thức tập hợp thanh niên trên không gian mạng.",
    "Đoàn viên, thanh niên đã tích cực giữ gìn vệ sinh môi trường, thu gom rác thải "
    "nhựa, xây dựng những tuyến đường “Xanh – Sạch – Đẹp”.",
    "Các đội hình tình nguyện đã mở lớp học tiếng Anh miễn phí, dạy bơi an toàn và kỹ "
    "năng phòng, chống đuối nước cho {n2} thiếu nhi.",
    "Với tinh thần “Đâu cần thanh niên có, việc gì khó có thanh niên”, tuổi trẻ "
    "{where} luôn xung kích, đi đầu trong các nhiệm vụ khó khăn.",
    "Nhiều công trình, phần việc thanh niên có giá trị thiết thực đã được bàn giao "
    "cho địa phương, với tổng trị giá hơn {money} tỷ đồng.",
    "Hoạt động tuyên truyền trên không gian mạng được đẩy mạnh qua trang thông tin "
    "điện tử và các nền tảng mạng xã hội của Đoàn, thu hút hàng chục nghìn lượt tương "
    "tác.",
    "Đội hình “Thanh niên tình nguyện hỗ trợ người dân làm thủ tục hành chính” có mặt "
    "thường xuyên tại bộ phận một cửa của các xã, phường, thị trấn.",
    "Công tác phối hợp giữa Đoàn Thanh niên với các ban, ngành, đoàn thể được tăng "
    "cường, tạo nguồn lực cho các hoạt động hướng về cơ sở.",
    "Nhiều đoàn viên, thanh niên đã được tuyên dương, khen thưởng vì có thành tích "
    "xuất sắc trong học tập, lao động sản xuất và bảo vệ Tổ quốc.",
    "Tính đến nay, {scope} có {n3} đoàn viên sinh hoạt tại {n2b} chi đoàn, cơ sở Đoàn.",
    "Hoạt động giáo dục truyền thống được tổ chức gắn với các ngày lễ lớn của đất "
    "nước, như hành trình về nguồn, dâng hương tại các di tích lịch sử.",
    "Công tác Đội và phong trào thiếu nhi tiếp tục có nhiều chuyển biến tích cực, với "
    "phong trào “Mỗi ngày một tin vui, mỗi tuần một việc tốt”.",
    "Các mô hình kinh tế do thanh niên làm chủ như trang trại, hợp tác xã, cơ sở sản "
    "xuất nông sản sạch mang lại thu nhập ổn định cho nhiều lao động trẻ.",
    "Đoàn Thanh niên đã phối hợp tổ chức {n1} phiên giao dịch việc làm, tư vấn hướng "
    "nghiệp cho hơn {n2} lượt thanh niên.",
    "Công tác phòng, chống ma túy, tệ nạn xã hội trong thanh thiếu niên được chú "
    "trọng, với nhiều buổi nói chuyện chuyên đề tại trường học.",
    "Tuổi trẻ {where} cũng tích cực tham gia bảo đảm trật tự an toàn giao thông, "
    "tuyên truyền đội mũ bảo hiểm cho trẻ em.",
    "Phong trào “Tuổi trẻ chung tay xây dựng nông thôn mới” đã góp phần làm thay đổi "
    "diện mạo nhiều thôn, xóm.",
    "Đặc biệt, các cơ sở Đoàn đã ứng dụng công nghệ số trong quản lý đoàn viên, thu "
    "đoàn phí và tổ chức sinh hoạt chi đoàn trực tuyến.",
    "Qua đó, vai trò, vị thế của tổ chức Đoàn tiếp tục được khẳng định, niềm tin của "
    "cấp ủy, chính quyền và nhân dân đối với thế hệ trẻ ngày càng được nâng lên.",
    "Những kết quả nêu trên là nền tảng quan trọng để tuổi trẻ {where} thực hiện "
    "thắng lợi Nghị quyết Đại hội Đoàn các cấp.",
    "Hơn {n2b} ngày công lao động đã được đoàn viên, thanh niên đóng góp để xây dựng "
    "các công trình phúc lợi tại khu dân cư.",
    "Các đội hình y, bác sĩ trẻ tình nguyện đã khám bệnh, cấp phát thuốc miễn phí cho "
    "{n2} lượt người dân.",
    "Trong mùa mưa bão, lực lượng thanh niên đã giúp nhân dân khắc phục hậu quả thiên "
    "tai, sớm ổn định cuộc sống.",
    "Đoàn Thanh niên tiếp tục đồng hành với thanh niên trong học tập, nghiên cứu khoa "
    "học, với {n1} đề tài, sáng kiến được công nhận.",
    "Tỷ lệ chi đoàn xếp loại vững mạnh đạt {pct}%, tăng so với cùng kỳ năm trước.",
    "Các hoạt động hưởng ứng Tháng Thanh niên đã thu hút sự tham gia nhiệt tình của "
    "đông đảo đoàn viên, thanh niên.",
    "Nhiều phần việc như “Ngày Chủ nhật xanh”, “Thanh niên với văn hóa giao thông”, "
    "“Cổng trường an toàn giao thông” đã được duy trì thường xuyên.",
    "Cuộc vận động “Thanh niên Việt Nam thực hành tiết kiệm, chống lãng phí” tiếp tục "
    "được hưởng ứng rộng rãi.",
    "Hoạt động đối ngoại thanh niên được mở rộng, tạo điều kiện để thanh niên giao "
    "lưu, học hỏi kinh nghiệm.",
    "Chương trình “Thắp sáng ước mơ thiếu nhi Việt Nam” đã trao tặng {n1} suất học "
    "bổng cho học sinh nghèo vượt khó.",
    "Thông qua các hoạt động, nhiều đoàn viên ưu tú đã được rèn luyện, thử thách và "
    "trưởng thành.",
    "Ước mơ của nhiều bạn trẻ ở {where} là được đóng góp sức mình cho quê hương ngày "
    "càng giàu đẹp.",
)

GENERAL_EN: tuple[str, ...] = (
    "Over the past years, youth volunteering in {where_en} has spread widely and "
    "drawn many members and young people.",
    "Youth Union chapters at every level have renewed what they do and how they do "
    "it, putting members and young people at the centre.",
    "In {year} alone, {n1} blood donation drives were held {scope_en}, collecting "
    "more than {n2} units of safe blood.",
    "The Summer Youth Volunteer Campaign mobilised more than {n2} members to repair "
    "{n1} rural roads and plant {n3} trees.",
    "Political and moral education for young people and children remains a priority, "
    "linked to studying and following Ho Chi Minh's thought, ethics and style.",
    "The “Youth Volunteers”, “Creative Youth” and “Youth Defending the Homeland” "
    "movements remain at the heart of youth action in {where_en}.",
    "Good models such as “Digital branch”, “Volunteer Saturday” and “Lighting up "
    "village roads” have been replicated.",
    "For digital transformation, grassroots chapters have shown residents how to use "
    "online public services and cashless payments.",
    "More than {n1} community digital technology teams led by members have helped "
    "thousands of households get online.",
    "Support for young entrepreneurs has grown; {n1} start-ups founded by young "
    "people received loans worth over {money} billion dong.",
    "Social welfare work goes on all year, with {n2} gifts given to families of war "
    "heroes, poor households and children in difficulty.",
    "Strengthening grassroots chapters remains a priority: this year {n2} new members "
    "were admitted {scope_en} and {n1} outstanding members were recommended to the "
    "Party.",
    "Youth Union officers are growing in experience and political conviction, ready "
    "to take on and complete every task.",
    "The legitimate rights and interests of young people and children are protected "
    "through many practical programmes.",
    "Lively cultural and sports activities give young people and children healthy "
    "things to do over the summer.",
    "The “Five-good students” and “Three-practice pupils” movements continue in "
    "schools.",
    "Alongside the results, Youth Union work still has shortcomings to overcome, "
    "especially in rural branches.",
    "Some chapters are not yet quick enough to understand the views and legitimate "
    "needs of their members.",
    "In the time ahead, chapters at every level need to improve branch meetings and "
    "find new ways to bring young people together online.",
    "Members have kept the environment clean, collected plastic waste and built "
    "“Green – Clean – Beautiful” streets.",
    "Volunteer teams have run free English classes and taught swimming and drowning "
    "prevention to {n2} children.",
    "In the spirit of “Wherever young people are needed, they are there; whatever is "
    "hard, young people do it”, the youth of {where_en} always lead the way.",
    "Many practical youth projects have been handed over to local communities, worth "
    "more than {money} billion dong in total.",
    "Online outreach has grown through the Youth Union's website and social media "
    "pages, drawing tens of thousands of interactions.",
    "Volunteer teams helping residents with paperwork are regularly present at the "
    "one-stop desks of communes, wards and towns.",
    "Cooperation between the Youth Union and other agencies and organisations has "
    "brought more resources to the grassroots.",
    "Many members have been honoured for their achievements in study, work and "
    "national defence.",
    "To date, {n3} members belong to {n2b} branches and chapters {scope_en}.",
    "Traditional education is linked to the country's major anniversaries, with "
    "pilgrimages and incense offerings at historic sites.",
    "The Young Pioneers' movement keeps improving with the campaign “Good news every "
    "day, a good deed every week”.",
    "Farms, cooperatives and clean produce businesses run by young people give many "
    "young workers a steady income.",
    "The Youth Union has co-organised {n1} job fairs and given career advice to more "
    "than {n2} young people.",
    "Drug and crime prevention among young people gets attention, with many talks in "
    "schools.",
    "The youth of {where_en} also help keep the roads safe and encourage children to "
    "wear helmets.",
    "The movement “Young people join hands to build new rural areas” has changed the "
    "face of many villages.",
    "In particular, chapters now manage members, collect dues and hold branch "
    "meetings online.",
    "The role and standing of the Youth Union have been affirmed, and the trust of "
    "the Party, the authorities and the people in the young generation keeps growing.",
    "These results lay the foundation for the youth of {where_en} to carry out the "
    "resolutions of the Youth Union congresses.",
    "Members contributed more than {n2b} working days to build public facilities in "
    "residential areas.",
    "Teams of young volunteer doctors gave free check-ups and medicine to {n2} people.",
    "During the storm season, young people helped residents recover from natural "
    "disasters and get back to normal life.",
    "The Youth Union supports young people in study and research, with {n1} projects "
    "and initiatives recognised.",
    "{pct}% of branches were rated strong, up on the same period last year.",
    "Youth Month activities drew the enthusiastic participation of many members and "
    "young people.",
    "Activities such as “Green Sunday”, “Young people and traffic culture” and “Safe "
    "school gates” continue all year round.",
    "The campaign “Vietnamese youth practise thrift and fight waste” continues to "
    "find wide support.",
    "International youth exchanges have expanded, giving young people the chance to "
    "meet and learn from others.",
    "The programme “Lighting up the dreams of Vietnamese children” has awarded {n1} "
    "scholarships to disadvantaged pupils.",
    "Through these activities, many outstanding members have been tested and have "
    "grown.",
)

# How a speaker's part of the body starts: {name} and {role} are the speaker's.
SPEECH_VI: tuple[str, ...] = (
    "Phát biểu tại {noun}, đồng chí {name}, {role}, ghi nhận, biểu dương những kết "
    "quả mà tuổi trẻ {where} đã đạt được trong thời gian qua.",
    "Phát biểu chỉ đạo, đồng chí {name}, {role}, đề nghị các cấp bộ Đoàn tiếp tục đổi "
    "mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở.",
    "Đồng chí {name}, {role}, nhấn mạnh mỗi cán bộ Đoàn cần nêu cao tinh thần trách "
    "nhiệm, gương mẫu, sâu sát với đoàn viên, thanh niên.",
    "Theo đồng chí {name}, {role}, thời gian tới cần tập trung nâng cao chất lượng "
    "sinh hoạt chi đoàn và phát huy vai trò của đoàn viên trong chuyển đổi số.",
)
SPEECH_EN: tuple[str, ...] = (
    "Speaking at {noun_en}, {name}, {role_en}, praised what the youth of {where_en} "
    "have achieved.",
    "{name}, {role_en}, asked Youth Union chapters at every level to keep renewing "
    "their work and focus on the grassroots.",
    "{name}, {role_en}, stressed that every Youth Union officer must set an example "
    "and stay close to members and young people.",
    "According to {name}, {role_en}, the priority now is better branch meetings and a "
    "larger role for members in digital transformation.",
)
QUOTES: tuple[Term, ...] = (
    (
        "Mỗi đoàn viên phải là một tuyên truyền viên tích cực, một tấm gương sáng để "
        "thanh niên noi theo",
        "Every member must be an active advocate and a shining example for young "
        "people",
    ),
    (
        "Tuổi trẻ chúng ta phải xung kích ở những nơi khó khăn nhất, nơi người dân "
        "cần nhất",
        "We young people must go first where it is hardest and where people need us "
        "most",
    ),
    (
        "Chúng ta cần lắng nghe nhiều hơn, để mỗi hoạt động của Đoàn thực sự xuất "
        "phát từ nhu cầu chính đáng của thanh niên",
        "We must listen more, so that everything the Youth Union does starts from the "
        "real needs of young people",
    ),
    (
        "Thành công của chương trình là minh chứng rõ nét cho tinh thần tình nguyện "
        "vì cộng đồng của tuổi trẻ {place}",
        "The success of the programme clearly shows the community spirit of the youth "
        "of {place_en}",
    ),
)
QUOTE_VERBS: tuple[Term, ...] = (
    ("nhấn mạnh", "stressed"),
    ("chia sẻ", "said"),
    ("khẳng định", "affirmed"),
)

RESULT_HEADINGS: tuple[Term, ...] = (
    ("Kết quả nổi bật", "Key results"),
    ("Những con số ấn tượng", "Highlights in figures"),
)
RESULTS: tuple[Term, ...] = (
    (
        "{n2} lượt đoàn viên, thanh niên tham gia các hoạt động tình nguyện;",
        "{n2} members took part in volunteer activities;",
    ),
    (
        "{n1} công trình, phần việc thanh niên được bàn giao cho địa phương;",
        "{n1} youth projects were handed over to local communities;",
    ),
    (
        "{n2b} đơn vị máu được tiếp nhận qua các ngày hội hiến máu;",
        "{n2b} units of blood were collected at donation festivals;",
    ),
    ("{n3} cây xanh được trồng mới;", "{n3} trees were planted;"),
    (
        "{n1b} dự án khởi nghiệp của thanh niên được hỗ trợ vốn vay;",
        "{n1b} youth start-ups received loans;",
    ),
    ("{n2} đoàn viên mới được kết nạp.", "{n2} new members were admitted."),
)

SECTION_HEADINGS: tuple[Term, ...] = (
    ("Tiếp tục đổi mới phương thức hoạt động", "Renewing the way we work"),
    ("Hướng mạnh về cơ sở", "Focusing on the grassroots"),
    ("Nhiệm vụ thời gian tới", "The tasks ahead"),
)

CLOSINGS: tuple[Term, ...] = (
    (
        "Dịp này, {org} đã trao Giấy khen cho {n1} tập thể và {n1b} cá nhân có thành "
        "tích xuất sắc.",
        "On this occasion, {the_org} awarded certificates of merit to {n1} groups and "
        "{n1b} individuals.",
    ),
    (
        "{noun_cap} khép lại trong không khí sôi nổi, để lại nhiều ấn tượng tốt đẹp "
        "đối với đoàn viên, thanh niên và nhân dân địa phương.",
        "{noun_en_cap} ended in a lively atmosphere and left a good impression on "
        "members, young people and local residents.",
    ),
    (
        "Thời gian tới, {org} sẽ tiếp tục phối hợp với các ban, ngành, đoàn thể để "
        "triển khai hiệu quả các chương trình hướng về cơ sở.",
        "In the coming time, {the_org} will keep working with other agencies and "
        "organisations to bring its programmes to the grassroots.",
    ),
    (
        "Kết quả các hoạt động sẽ được {org} đánh giá, rút kinh nghiệm tại hội nghị "
        "sơ kết sắp tới.",
        "{The_org} will review the results of these activities at its next mid-term "
        "meeting.",
    ),
)

# Photo alt texts and captions: {noun}, {place}, {name} come from the post.
PHOTO_ALTS: tuple[Term, ...] = (
    ("Đại biểu tham dự {noun}", "Delegates at {noun_en}"),
    ("Đoàn viên, thanh niên tại {noun}", "Members at {noun_en}"),
    ("Toàn cảnh {noun}", "An overview of {noun_en}"),
)
PHOTO_CAPTIONS: tuple[Term, ...] = (
    ("Các đại biểu tham dự {noun}.", "Delegates attending {noun_en}."),
    ("Đồng chí {name} phát biểu tại {noun}.", "{name} speaks at {noun_en}."),
    (
        "Đoàn viên, thanh niên {where} tham gia {noun}.",
        "Members from {where_en} take part in {noun_en}.",
    ),
    ("Quang cảnh {noun}.", "A view of {noun_en}."),
)

DAYPARTS: dict[str, Term] = {
    "morning": ("Sáng", "morning"),
    "afternoon": ("Chiều", "afternoon"),
    "evening": ("Tối", "evening"),
}

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ROMAN = (
    "",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
QUARTERS = ("I", "II", "III", "IV")
QUARTERS_EN = ("first", "second", "third", "fourth")


def ordinal_en(number: int) -> str:
    """Return an English ordinal: 1st, 2nd, 3rd, 11th, 92nd."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
