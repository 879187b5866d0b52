"""The built-in sample year: the 2020 "Năm dân vận khéo" of Phòng GD&ĐT Thủ Thừa.

Everything the real report of `shared/sample-report-2020.md` cites is here as
data — its 16 documents with dates and issuers, the unit's own plans and
decisions, tasks whose results are the report's paragraphs, the registered model
and the campaign's narrative, căn cứ and statistics lines as the unit wrote
them — so `dvk report 2020` rebuilds that report word for word
(tests/exports/test_sample_report.py diffs them).
"""
from __future__ import annotations

from datetime import date, timedelta

from db.messages import Message
from db.models import Campaign, Document, DvkModel, Profile, Task
from db.store import Store

UBND = "Ủy ban nhân dân huyện Thủ Thừa"
HU = "Huyện ủy Thủ Thừa"
BTVTU = "Ban Thường vụ Tỉnh ủy Long An"
TU = "Tỉnh ủy Long An"
PGD = "Phòng Giáo dục và Đào tạo Thủ Thừa"

# (number, date, issuer, summary, direction)
DOCUMENTS = [
    ("4094/KH-UBND", "2020-07-10", UBND, "Kế hoạch thực hiện “Năm dân vận khéo” năm 2020", "in"),
    ("2199-CV/HU", "2020-05-15", HU, "Về việc sao gửi Hướng dẫn 06-HD/BDVTU", "in"),
    ("06-HD/BDVTU", None, "Ban Dân vận Tỉnh ủy Long An", "Hướng dẫn thực hiện “Năm dân vận khéo” năm 2020", "in"),
    ("617/KH-PGDĐT", "2020-05-25", PGD, "Kế hoạch thực hiện “Năm dân vận khéo” năm 2020", "out"),
    ("69-KH/TU", "2018-08-13", BTVTU, "Vận động nhân dân giám sát việc thực hiện Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương khóa XII trên địa bàn tỉnh Long An", "in"),
    ("14-CT/TU", "2016-06-13", BTVTU, "Chỉ thị của Ban Thường vụ Tỉnh ủy", "in"),
    ("48-KH/HU", "2018-01-22", HU, "Kế hoạch của Huyện ủy Thủ Thừa", "in"),
    ("212/KH-UBND", "2018-03-01", UBND, "Sắp xếp tinh gọn tổ chức bộ máy, nâng cao hiệu quả hoạt động của hệ thống chính trị huyện Thủ Thừa", "in"),
    ("02-ĐA/TU", "2017-12-29", TU, "Đề án sắp xếp tinh gọn tổ chức bộ máy của hệ thống chính trị", "in"),
    ("18-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương Đảng (khóa XII)", "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả", "in"),
    ("19-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương Đảng (khóa XII)", "Tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị sự nghiệp công lập", "in"),
    ("106/KH-PGDĐT", "2020-02-05", PGD, "Thực hiện cải cách hành chính năm 2020", "out"),
    ("410/KH-PGDĐT", "2020-04-04", PGD, "Tuyên truyền cải cách hành chính năm 2020", "out"),
    ("1746/QĐ-PGDĐT", "2019-12-31", PGD, "Ban hành Quy chế chi tiêu nội bộ năm 2018", "out"),
    ("1353/ KH-PGDĐT", "2020-10-05", PGD, "Kế hoạch tổ chức và hoạt động kiểm tra chuyên ngành năm học 2020-2021", "out"),
    ("1058/QĐ-PGDĐT", "2018-10-08", PGD, "Thành lập Tổ tiếp công dân của Phòng Giáo dục và Đào tạo", "out"),
]

# section -> narrative paragraphs written by the user (the first paragraph of each section of the sample)
SECTION_TEXTS = {
    "1": [
        "Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020; Kế hoạch số 4094/KH-UBND, ngày 10/7/2020 của UBND huyện Thủ Thừa. Phòng Giáo dục và Đào tạo xây dựng Kế hoạch số 617/KH-PGDĐT ngày 25/5/2020 của Phòng GD&ĐT Thủ Thừa kế hoạch thực hiện “Năm dân vận khéo” năm 2020 và tổ chức triển khai thực gắn với việc thực hiện nhiệm vụ chuyên môn; đề cao vai trò trách nhiệm của người đứng đầu trong cơ quan và các đơn vị trường học. Thực hiện, phong trào thi đua “Dân vận khéo” gắn với các phong trào thi đua yêu nước của ngành, với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    ],
    "2": [
        "Triển khai thực hiện có hiệu quả Chỉ thị số 14-CT/TU ngày 13/6/2016 của Ban Thường vụ Tỉnh ủy; Kế hoạch số 48-KH/HU ngày 22/01/2018 của Huyện ủy Thủ Thừa; Kế hoạch số 212/KH-UBND ngày 01/3/2018 của UBND huyện về “Sắp xếp tinh gọn tổ chức bộ máy, nâng cao hiệu quả hoạt động của hệ thống chính trị huyện Thủ Thừa theo Đề án số 02-ĐA/TU ngày 29/12/2017 của Tỉnh ủy và Nghị quyết số 18-NQ/TW, 19-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XII)”. Phòng Giáo dục và Đào tạo phối hợp với phòng Nội vụ, chính quyền địa phương và các tổ chức đoàn thể tiếp tục tham mưu UBND huyện thực hiện tốt Đề án 02 của Tỉnh ủy về việc sáp nhập và sắp xếp vị trí việc làm các trường học.",
    ],
    "3": [
        "Đẩy mạnh nâng cao đạo đức công vụ, luôn tiếp thu ý kiến góp ý của Nhân dân về công tác quản lý điều hành, thái độ và phong cách làm việc của cán bộ, công chức, viên chức. Nâng cao tinh thần trách nhiệm phục vụ công dân; xây dựng, kiện toàn đội ngũ cán bộ, công chức, viên chức thực sự là công bộc của Nhân dân, lắng nghe ý kiến của Nhân dân, vì Nhân dân phục vụ.",
    ],
    "4": [],
    "5": [],
    "6": [],
    "7": [],
}

# (title, section, source document number, done date, result) — the rest of each section of the sample
DONE_TASKS = [
    ("Quán triệt Kế hoạch 69-KH/TU về vận động nhân dân giám sát", 1, "69-KH/TU", "2020-06-15",
     "Tổ chức triển khai, thực hiện đầy đủ, kịp thời các chủ trương, chính sách của Đảng và Nhà nước về dân tộc, tôn giáo; Tăng cường chỉ đạo tuyên truyền, quán triệt và thực hiện tốt Kế hoạch số 69-KH/TU, ngày 13/8/2018 của BTV Tỉnh ủy về vận động nhân dân giám sát việc thực hiện Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành trung ương khóa XII “một số vấn đề tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu quả” trên địa bàn tỉnh Long An;"),
    ("Tham mưu chế độ, chính sách cho CBCCVC", 2, None, "2020-09-30",
     "Phòng giáo dục kịp thời tham mưu lãnh đạo trình UBND huyện thực hiện đảm bảo đầy đủ, đúng quy định các chế độ của cán bộ, công chức, viên chức và người lao động về năng lương thường xuyên, nâng lương trước hạn, vượt khung, chế độ nghỉ hưu, mất sức lao động,..."),
    ("Phối hợp Liên đoàn Lao động huyện chăm lo đời sống CBCCVC", 2, None, "2020-09-30",
     "Phối hợp với Liên đoàn Lao động huyện, tích cực triển khai các hoạt động chăm lo đời sống cán bộ, công chức, viên chức và người lao động đặc biệt trong các dịp lễ tết, vận động quỹ Mái ấm công đoàn huyện và tỉnh, đã vận động hoàn thành quỹ Giáo dục khó khăn do ngành phát động; quỹ tương trợ (vận động đợt 25) kịp thời thăm hỏi khi gia đình CBCCVC gặp khó khăn, hữu sự,"),
    ("Thăm hỏi địa chỉ nhân đạo hằng tháng", 2, None, "2020-09-30",
     "Mỗi tháng công đoàn viên của phòng Giáo dục đóng góp và thăm hỏi địa chỉ nhân đạo (cô Lệ ở Nhị Thành)."),
    ("Cải cách thủ tục hành chính năm 2020", 4, "106/KH-PGDĐT", "2020-09-30",
     "Nâng cao chất lượng việc giải quyết thủ tục hành chính, tạo điều kiện cho cá nhân, tổ chức khi có yêu cầu thực hiện thủ tục hành chính (KH số 106/KH-PGDĐT, ngày 05/02/2020 về thực hiện cải cách hành chính năm 2020; KH số số 410/KH-PGDĐT, ngày 04/4/2020 về tuyên truyền cải cách hành chính năm 2020); công khai, minh bạch niêm yết đầy đủ, đúng quy định tại bảng niêm yết ngoài sảnh Bộ TTHC thuộc lĩnh vực giáo dục và trên Trang thông tin điện tử của phòng Giáo dục, tạo sự hài lòng của cá nhân, tổ chức."),
    ("Hội nghị cán bộ, công chức cơ quan", 4, "1746/QĐ-PGDĐT", "2019-12-31",
     "Ngày 27 tháng 12 năm 2019 Phòng Giáo dục tổ chức Hội nghị cán bộ, công chức (CBCC) cơ quan để đóng góp ý kiến về các Quy chế của cơ quan. Trên cơ sở ý kiến tham gia của cán bộ, công chức tại Hội nghị, đã tiến hành sửa đổi, bổ sung như: Quy chế làm việc, Quy chế chi tiêu nội bộ (Quyết định số 1746/QĐ-PGDĐT, ngày 31 tháng 12 năm 2019 quyết định về việc Ban hành Quy chế chi tiêu nội bộ năm 2018), giải quyết chế độ nghỉ phép, chế độ thai sản, giải pháp thực hành tiết kiệm, chống lãng phí trong quản lý và sử dụng ngân sách nhà nước, chi và bổ sung quy định về quản lý tài sản công, các chỉ tiêu thi đua trong năm học, khen thưởng kỷ luật, công tác đào tạo, bồi dưỡng cán bộ... và Nghị Quyết của Hội nghị được tổ chức thực hiện đạt hiệu quả tại cơ quan."),
    ("Kiểm tra chuyên ngành năm học 2020-2021", 5, "1353/ KH-PGDĐT", "2020-10-20",
     "Theo Kế hoạch năm học, ngay từ đầu năm học ngành xây dựng kế hoạch số Kế hoạch số 1353/ KH-PGDĐT ngày 05/10/2020 của Phòng Giáo dục và Đào tạo Thủ Thừa về kế hoạch tổ chức và hoạt động kiểm tra chuyên ngành năm học 2020-2021. Qua kiểm tra chuyên môn kết hợp kiểm tra công tác dân vận ở cơ sở; kịp thời chấn chỉnh và xử lý đối với những hành vi cửa quyền, tham nhũng, lãng phí, gây phiền hà cho Nhân dân (nếu có)"),
    ("Tiếp công dân", 6, "1058/QĐ-PGDĐT", "2020-10-20",
     "Thực hiện có hiệu quả tiếp công dân, Phòng GD&ĐT có ban hành Quyết định số 1058/QĐ-PGDĐT, ngày 08/10/2018 Quyết định về việc thành lập Tổ tiếp công dân của Phòng Giáo dục và Đào tạo từ năm học 2018-2019 thường xuyên tiếp xúc, lắng nghe ý kiến, tâm tư, nguyện vọng của Nhân dân. Đến thời điểm này công tác tiếp dân được giải quyết kịp thời, thỏa đáng."),
    ("Nhân rộng mô hình “Dân vận khéo” năm 2020", 7, "617/KH-PGDĐT", "2020-10-20",
     "Tiếp tục thực hiện mô hình “Dân vận khéo” năm 2020, phát triển bền vững các mô hình đã có, đồng thời tập trung xây dựng nhân rộng mô hình đăng ký năm 2020 gắn với việc xây dựng phong cách, lễ lối, thái độ phục vụ nhân dân của CB, CC, VC&NLĐ; Xây dựng các quy tắc ứng xử và văn minh công sở với những nội dung thiết thực . Rút ngắn thời gian giải quyết, đơn giản thủ tục hành chính."),
]

MODEL_RESULT = (
    "Qua một năm thực hiện thực hiện tốt Đề án “Xây dựng văn hóa ứng xử trong trường” học giai đoạn 2019-2025 trên địa bàn "
    "huyện Thủ Thừa” và mô hình của phòng Giáo dục đăng ký năm 2020 đạt “chuẩn văn hóa”, có sự chuyển biến tích cực "
    "trong nhận thức cũng như trong hành động,"
)


def load_demo(store: Store, today: date | None = None) -> None:
    """Fill an empty store with the sample year (one transaction, one undo step)."""
    today = today or store.today()
    with store.transaction(Message("label.demo")):
        # The unit writes its part titles in sentence case ("I. Đặc điểm tình hình …").
        store.set_profile(Profile(parent_body="UBND HUYỆN THỦ THỪA", unit_name="Phòng Giáo dục và Đào tạo",
                                  unit_short="Phòng GD&ĐT", unit_code="PGDĐT", place="Thủ Thừa",
                                  heading_case="as_written"))
        docs: dict[str, Document] = {}
        for number, when, issuer, summary, direction in DOCUMENTS:
            docs[number] = store.add(Document(number=number, date=when, issuer_name=issuer, summary=summary,
                                              direction=direction, tags=["dân vận"]))
        _link(store, docs, "617/KH-PGDĐT", "implements", "2199-CV/HU")
        _link(store, docs, "2199-CV/HU", "cites", "06-HD/BDVTU")
        _link(store, docs, "212/KH-UBND", "cites", "02-ĐA/TU", "18-NQ/TW", "19-NQ/TW")
        _link(store, docs, "410/KH-PGDĐT", "implements", "106/KH-PGDĐT")
        campaign = store.add(_campaign(docs))
        for title, section, source, done_on, result in DONE_TASKS:
            store.add(Task(title=title, section=section, campaign=campaign.id, assignee="Văn phòng",
                           source_doc=docs[source].id if source else None, due=done_on, status="done",
                           done_on=done_on, result=result))
        store.add(DvkModel(name="Xây dựng văn hóa ứng xử trong trường học", campaign=campaign.id, year=2020,
                           unit="Phòng Giáo dục và Đào tạo", field="văn hóa - xã hội", kind="collective",
                           status="achieved", result=MODEL_RESULT))
        # Registered for the next year's campaign, so not part of the 2020 report.
        store.add(DvkModel(name="Phụ huynh đồng hành cùng nhà trường", year=2021,
                           unit="Trường Tiểu học Nhị Thành", field="văn hóa - xã hội", kind="collective",
                           status="in_progress"))
        _live_tasks(store, campaign, docs, today)
        _waiting_document(store, today)


def _link(store: Store, docs: dict[str, Document], source: str, kind: str, *targets: str) -> None:
    doc = docs[source]
    doc.links = doc.links + [{"kind": kind, "doc": docs[t].id} for t in targets]
    store.save(doc)


# The căn cứ and the 1.1 lines as the unit wrote them (dvk's generated defaults
# would cite the same documents in the decree's full form).
BASIS_LINES = [
    "Căn cứ Kế hoạch 4094/KH-UBND ngày 10/7/2020 của Ủy ban Nhân dân huyện Thủ Thừa kế hoạch thực hiện “Năm dân vận khéo” năm;",
    "Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020 của Huyện ủy Thủ Thừa về việc sao gửi Hướng dẫn 06-HD/BDVTU;",
]
STAT_LINES = [
    "Tổng số CBCC: 07 người.",
    "Tổng số Đảng viên chi bộ: 6 đồng chí. Đảng viên chính thức 06 đồng chí",
    "Tổng số trường trực thuộc là: 32 trường.",
]


def _campaign(docs: dict[str, Document]) -> Campaign:
    return Campaign(
        name="Năm dân vận khéo", year=2020,
        bases=[docs["4094/KH-UBND"].id, docs["2199-CV/HU"].id],
        basis_lines=list(BASIS_LINES),
        stats={"staff": 7, "party_members": 6, "party_official": 6, "schools": 32},
        stat_lines=list(STAT_LINES),
        advantages=[
            "Đảng viên, CBCC đoàn kết, tích cực học tập, rèn luyện trong công tác; an ninh trật tự luôn được đảm bảo, tinh thần trách nhiệm của CBCC ngày càng được nâng cao.",
            "Chi bộ lãnh đạo và chỉ đạo mọi hoạt động của cơ quan. Đặc biệt, luôn chú trọng đến quá trình thực hiện công tác Dân vận, thường xuyên đôn đốc, kiểm tra hoạt động của chính quyền và các đoàn thể.",
            "CBCC xác định việc thực hiện Quy chế dân chủ ở cơ quan là trách nhiệm, đồng thời cũng là quyền lợi của mình vì vậy được sự ủng hộ và đồng thuận cao của CBCC.",
            "Đa số CBCC đoàn kết, nhiệt tình, chủ động trong mọi hoạt động, tinh thần đấu tranh phê bình và tự phê bình phát huy mạnh mẽ.",
        ],
        difficulties=[
            "Một số cán bộ công chức, viên chức tập trung nhiều thời gian vào công tác chuyên môn, nên công tác dân vận đôi lúc chưa đạt hiệu quả cao, chưa có nhiều mô hình mới, sáng tạo.",
        ],
        assessment=[
            "Nhìn chung công tác dân vận của của ngành đạt được một số kết quả quan trọng. Thực hiện công tác dân vận có tác động mạnh mẽ đến đội ngũ cán bộ, công chức, viên chức, người lao động; mỗi cán bộ công chức, viên chức có nhận thức sâu sắc hơn trong việc thực hiện hoàn thành nhiệm vụ với hiệu quả cao nhất. Thực hiện tốt nội quy, quy chế, quy định của đơn vị; quy tắc ứng xử công vụ; quy chế dân chủ của cơ quan, đơn vị; Có ý thức xây dựng đoàn kết nội bộ.",
            "Công tác dân vận đã góp phần thúc đẩy sự đổi mới trong giáo dục và giảng dạy. Tuy nhiên, bên cạnh những kết quả đạt được, công tác dân vận còn khó khăn: Một số đơn vị trường học phối hợp với Ban đại diện cha mẹ học sinh trong công tác dân vận chưa được thường xuyên, hiệu quả chưa cao.",
        ],
        section_texts={k: v for k, v in SECTION_TEXTS.items() if v},
        report_number="",
        report_date="/10/2020",
        signer_prefix="KT.", signer_head_title="TRƯỞNG PHÒNG", signer_title="PHÓ TRƯỞNG PHÒNG",
        signer_name="Trần Thị Kim Nhân",
        recipients=["UBND huyện (phòng Nội vụ) (b/c);", "Ban Dân vận Huyện ủy(b/c);",
                    "Các trường trực thuộc(nắm biết);", "Lưu: VT."],
    )


def _live_tasks(store: Store, campaign: Campaign, docs: dict[str, Document], today: date) -> None:
    """A few open tasks around today so the dashboard shows what it is for."""
    plan = docs["4094/KH-UBND"].id
    for title, offset, status, recur in (
        ("Tổng hợp báo cáo “Năm dân vận khéo” gửi Ban Dân vận Huyện ủy", -2, "todo", ""),
        ("Kiểm tra công tác dân vận tại các trường học", 3, "doing", ""),
        ("Báo cáo tháng công tác dân vận", 6, "todo", "monthly"),
        ("Bình xét mô hình “Dân vận khéo” cấp cơ sở", 20, "todo", ""),
    ):
        store.add(Task(title=title, campaign=campaign.id, section=7 if "mô hình" in title else 1, source_doc=plan,
                       assignee="Văn phòng", due=(today + timedelta(days=offset)).isoformat(),
                       status=status, recur=recur))


def _waiting_document(store: Store, today: date) -> None:
    """An incoming letter still to be answered, so the dashboard's "to handle" list has one."""
    store.add(Document(number="2456/UBND-NC", date=(today - timedelta(days=6)).isoformat(),
                       issuer_name="Ủy ban nhân dân huyện Thủ Thừa",
                       summary=f"V/v báo cáo kết quả thực hiện công tác dân vận năm {today.year}",
                       handling="pending", due=(today + timedelta(days=4)).isoformat(), tags=["dân vận"]))
