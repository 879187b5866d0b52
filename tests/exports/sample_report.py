"""The 2020 report of Phòng GD&ĐT Thủ Thừa (shared/sample-report-2020.md, copied to tests/exports/golden/)
as a Report, hand-filled. Wording is kept as the unit wrote it; only the
paragraphs the source split across a page break are joined again.
Long enough (~3 pages) to exercise page numbering.
"""
from __future__ import annotations

from exports.report_model import Bullet, Heading, Paragraph, Report

P = Paragraph
B = Bullet


def H1(text: str) -> Heading:
    return Heading(text, level=1)


def H2(text: str) -> Heading:
    return Heading(text, level=2)


def sample_report() -> Report:
    return Report(
        parent_body="UBND HUYỆN THỦ THỪA",
        issuer="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        number_line="Số:      /BC-PGDĐT",
        place_date="Thủ Thừa, ngày      tháng 10 năm 2020",
        doc_type="BÁO CÁO",
        title="Thực hiện “Năm dân vận khéo” năm 2020",
        bases=[
            "Căn cứ Kế hoạch 4094/KH-UBND ngày 10/7/2020 của Ủy ban Nhân dân huyện Thủ Thừa "
            "kế hoạch thực hiện “Năm dân vận khéo” năm;",
            "Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020 của Huyện ủy Thủ Thừa về việc sao gửi "
            "Hướng dẫn 06-HD/BDVTU;",
        ],
        intro="Phòng Giáo dục và Đào tạo báo cáo triển khai thực hiện “Năm dân vận khéo” năm 2020, như sau:",
        body=_part_one() + _part_two() + _part_three(),
        closing="Trên đây là báo cáo triển khai thực hiện Năm dân vận khéo năm 2020 "
        "của phòng Giáo dục và Đào tạo./.",
        recipients=[
            "- UBND huyện (phòng Nội vụ) (b/c);",
            "- Ban Dân vận Huyện ủy(b/c);",
            "- Các trường trực thuộc(nắm biết);",
            "- Lưu: VT.",
        ],
        signer_lines=["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"],
        signer_name="Trần Thị Kim Nhân",
    )


def _part_one() -> list:
    return [
        H1("I. Đặc điểm tình hình của cơ quan."),
        H2("1.1. Đặc điểm tình hình:"),
        B("Tổng số CBCC: 07 người."),
        B("Tổng số Đảng viên chi bộ: 6 đồng chí. Đảng viên chính thức 06 đồng chí"),
        B("Tổng số trường trực thuộc là: 32 trường."),
        H2("1.2. Thuận lợi:"),
        B("Đảng viên, CBCC đoàn kết, tích cực học tập, rèn luyện trong công tác; an ninh trật tự luôn "
          "được đảm bảo, tinh thần trách nhiệm của CBCC ngày càng được nâng cao."),
        B("Chi bộ lãnh đạo và chỉ đạo mọi hoạt động của cơ quan. Đặc biệt, luôn chú trọng đến quá trình "
          "thực hiện công tác Dân vận, thường xuyên đôn đốc, kiểm tra hoạt động của chính quyền và các "
          "đoàn thể."),
        B("CBCC xác định việc thực hiện Quy chế dân chủ ở cơ quan là trách nhiệm, đồng thời cũng là "
          "quyền lợi của mình vì vậy được sự ủng hộ và đồng thuận cao của CBCC."),
        B("Đa số CBCC đoàn kết, nhiệt tình, chủ động trong mọi hoạt động, tinh thần đấu tranh phê bình "
          "và tự phê bình phát huy mạnh mẽ."),
        H2("1.3. Khó khăn:"),
        P("Một số cán bộ công chức, viên chức tập trung nhiều thời gian vào công tác chuyên môn, nên "
          "công tác dân vận đôi lúc chưa đạt hiệu quả cao, chưa có nhiều mô hình mới, sáng tạo."),
    ]


def _part_two() -> list:
    return [
        H1("II. Kết quả công tác dân vận năm 2020."),
        H2("1. Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức trong thực hiện các "
           "chỉ thị, nghị quyết của Đảng về công tác dân vận"),
        P("Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020; Kế hoạch số 4094/KH-UBND, ngày 10/7/2020 của "
          "UBND huyện Thủ Thừa. Phòng Giáo dục và Đào tạo xây dựng Kế hoạch số 617/KH-PGDĐT ngày "
          "25/5/2020 của Phòng GD&ĐT Thủ Thừa kế hoạch thực hiện “Năm dân vận khéo” năm 2020 và tổ "
          "chức triển khai thực gắn với việc thực hiện nhiệm vụ chuyên môn; đề cao vai trò trách nhiệm "
          "của người đứng đầu trong cơ quan và các đơn vị trường học. Thực hiện, phong trào thi đua "
          "“Dân vận khéo” gắn với các phong trào thi đua yêu nước của ngành, với việc học tập và làm "
          "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
        P("Tổ chức triển khai, thực hiện đầy đủ, kịp thời các chủ trương, chính sách của Đảng và Nhà "
          "nước về dân tộc, tôn giáo; Tăng cường chỉ đạo tuyên truyền, quán triệt và thực hiện tốt Kế "
          "hoạch số 69-KH/TU, ngày 13/8/2018 của BTV Tỉnh ủy về vận động nhân dân giám sát việc thực "
          "hiện Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành trung ương khóa XII “một số vấn đề tiếp "
          "tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu quả” "
          "trên địa bàn tỉnh Long An;"),
        H2("2. Thực hiện hiệu quả các chế độ chính sách, chăm lo, thăm hỏi kịp thời"),
        P("Triển khai thực hiện có hiệu quả Chỉ thị số 14-CT/TU ngày 13/6/2016 của Ban Thường vụ Tỉnh "
          "ủy; Kế hoạch số 48-KH/HU ngày 22/01/2018 của Huyện ủy Thủ Thừa; Kế hoạch số 212/KH-UBND "
          "ngày 01/3/2018 của UBND huyện về “Sắp xếp tinh gọn tổ chức bộ máy, nâng cao hiệu quả hoạt "
          "động của hệ thống chính trị huyện Thủ Thừa theo Đề án số 02-ĐA/TU ngày 29/12/2017 của Tỉnh "
          "ủy và Nghị quyết số 18-NQ/TW, 19-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XII)”. Phòng "
          "Giáo dục và Đào tạo phối hợp với phòng Nội vụ, chính quyền địa phương và các tổ chức đoàn "
          "thể tiếp tục tham mưu UBND huyện thực hiện tốt Đề án 02 của Tỉnh ủy về việc sáp nhập và sắp "
          "xếp vị trí việc làm các trường học."),
        P("Phòng giáo dục kịp thời tham mưu lãnh đạo trình UBND huyện thực hiện đảm bảo đầy đủ, đúng "
          "quy định các chế độ của cán bộ, công chức, viên chức và người lao động về năng lương thường "
          "xuyên, nâng lương trước hạn, vượt khung, chế độ nghỉ hưu, mất sức lao động,..."),
        P("Phối hợp với Liên đoàn Lao động huyện, tích cực triển khai các hoạt động chăm lo đời sống "
          "cán bộ, công chức, viên chức và người lao động đặc biệt trong các dịp lễ tết, vận động quỹ "
          "Mái ấm công đoàn huyện và tỉnh, đã vận động hoàn thành quỹ Giáo dục khó khăn do ngành phát "
          "động; quỹ tương trợ (vận động đợt 25) kịp thời thăm hỏi khi gia đình CBCCVC gặp khó khăn, "
          "hữu sự,"),
        P("Mỗi tháng công đoàn viên của phòng Giáo dục đóng góp và thăm hỏi địa chỉ nhân đạo (cô Lệ ở "
          "Nhị Thành)."),
        H2("3. Tăng cường giáo dục đạo đức công vụ, nâng cao chất lượng, tinh thần, trách nhiệm phục "
           "vụ Nhân dân của đội ngũ cán bộ, công chức, viên chức"),
        P("Đẩy mạnh nâng cao đạo đức công vụ, luôn tiếp thu ý kiến góp ý của Nhân dân về công tác quản "
          "lý điều hành, thái độ và phong cách làm việc của cán bộ, công chức, viên chức. Nâng cao tinh "
          "thần trách nhiệm phục vụ công dân; xây dựng, kiện toàn đội ngũ cán bộ, công chức, viên chức "
          "thực sự là công bộc của Nhân dân, lắng nghe ý kiến của Nhân dân, vì Nhân dân phục vụ."),
        H2("4. Đẩy mạnh cải cách thủ tục hành chính, xây dựng và thực hiện hiệu quả quy chế dân chủ ở "
           "cơ sở"),
        P("Nâng cao chất lượng việc giải quyết thủ tục hành chính, tạo điều kiện cho cá nhân, tổ chức "
          "khi có yêu cầu thực hiện thủ tục hành chính (KH số 106/KH-PGDĐT, ngày 05/02/2020 về thực "
          "hiện cải cách hành chính năm 2020; KH số số 410/KH-PGDĐT, ngày 04/4/2020 về tuyên truyền "
          "cải cách hành chính năm 2020); công khai, minh bạch niêm yết đầy đủ, đúng quy định tại bảng "
          "niêm yết ngoài sảnh Bộ TTHC thuộc lĩnh vực giáo dục và trên Trang thông tin điện tử của "
          "phòng Giáo dục, tạo sự hài lòng của cá nhân, tổ chức."),
        P("Ngày 27 tháng 12 năm 2019 Phòng Giáo dục tổ chức Hội nghị cán bộ, công chức (CBCC) cơ quan "
          "để đóng góp ý kiến về các Quy chế của cơ quan. Trên cơ sở ý kiến tham gia của cán bộ, công "
          "chức tại Hội nghị, đã tiến hành sửa đổi, bổ sung như: Quy chế làm việc, Quy chế chi tiêu "
          "nội bộ (Quyết định số 1746/QĐ-PGDĐT, ngày 31 tháng 12 năm 2019 quyết định về việc Ban hành "
          "Quy chế chi tiêu nội bộ năm 2018), giải quyết chế độ nghỉ phép, chế độ thai sản, giải pháp "
          "thực hành tiết kiệm, chống lãng phí trong quản lý và sử dụng ngân sách nhà nước, chi và bổ "
          "sung quy định về quản lý tài sản công, các chỉ tiêu thi đua trong năm học, khen thưởng kỷ "
          "luật, công tác đào tạo, bồi dưỡng cán bộ... và Nghị Quyết của Hội nghị được tổ chức thực "
          "hiện đạt hiệu quả tại cơ quan."),
        H2("5. Kiểm tra công vụ; kiểm tra, giám sát việc triển khai, thực hiện công tác dân vận của các "
           "đơn vị trường học"),
        P("Theo Kế hoạch năm học, ngay từ đầu năm học ngành xây dựng kế hoạch số Kế hoạch số 1353/ "
          "KH-PGDĐT ngày 05/10/2020 của Phòng Giáo dục và Đào tạo Thủ Thừa về kế hoạch tổ chức và hoạt "
          "động kiểm tra chuyên ngành năm học 2020-2021. Qua kiểm tra chuyên môn kết hợp kiểm tra công "
          "tác dân vận ở cơ sở; kịp thời chấn chỉnh và xử lý đối với những hành vi cửa quyền, tham "
          "nhũng, lãng phí, gây phiền hà cho Nhân dân (nếu có)"),
        H2("6. Thực hiện có hiệu quả công tác tiếp dân, và giải quyết kịp thời, dứt điểm những vấn đề "
           "liên quan đến quyền lợi của Nhân dân"),
        P("Thực hiện có hiệu quả tiếp công dân, Phòng GD&ĐT có ban hành Quyết định số 1058/QĐ-PGDĐT, "
          "ngày 08/10/2018 Quyết định về việc thành lập Tổ tiếp công dân của Phòng Giáo dục và Đào tạo "
          "từ năm học 2018-2019 thường xuyên tiếp xúc, lắng nghe ý kiến, tâm tư, nguyện vọng của Nhân "
          "dân. Đến thời điểm này công tác tiếp dân được giải quyết kịp thời, thỏa đáng."),
        H2("7. Xây dựng nhân rộng điển hình “ Năm Dân vận khéo”"),
        P("Qua một năm thực hiện thực hiện tốt Đề án “Xây dựng văn hóa ứng xử trong trường” học giai "
          "đoạn 2019-2025 trên địa bàn huyện Thủ Thừa” và mô hình của phòng Giáo dục đăng ký năm 2020 "
          "đạt “chuẩn văn hóa”, có sự chuyển biến tích cực trong nhận thức cũng như trong hành động,"),
        P("Tiếp tục thực hiện mô hình “Dân vận khéo” năm 2020, phát triển bền vững các mô hình đã có, "
          "đồng thời tập trung xây dựng nhân rộng mô hình đăng ký năm 2020 gắn với việc xây dựng phong "
          "cách, lễ lối, thái độ phục vụ nhân dân của CB, CC, VC&NLĐ; Xây dựng các quy tắc ứng xử và "
          "văn minh công sở với những nội dung thiết thực . Rút ngắn thời gian giải quyết, đơn giản thủ "
          "tục hành chính."),
    ]


def _part_three() -> list:
    return [
        H1("III. Đánh giá chung:"),
        P("Nhìn chung công tác dân vận của của ngành đạt được một số kết quả quan trọng. Thực hiện công "
          "tác dân vận có tác động mạnh mẽ đến đội ngũ cán bộ, công chức, viên chức, người lao động; mỗi "
          "cán bộ công chức, viên chức có nhận thức sâu sắc hơn trong việc thực hiện hoàn thành nhiệm vụ "
          "với hiệu quả cao nhất. Thực hiện tốt nội quy, quy chế, quy định của đơn vị; quy tắc ứng xử "
          "công vụ; quy chế dân chủ của cơ quan, đơn vị; Có ý thức xây dựng đoàn kết nội bộ."),
        P("Công tác dân vận đã góp phần thúc đẩy sự đổi mới trong giáo dục và giảng dạy. Tuy nhiên, bên "
          "cạnh những kết quả đạt được, công tác dân vận còn khó khăn: Một số đơn vị trường học phối hợp "
          "với Ban đại diện cha mẹ học sinh trong công tác dân vận chưa được thường xuyên, hiệu quả chưa "
          "cao."),
    ]
