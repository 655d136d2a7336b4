"""Word lists for demo data: Vietnamese names and places as they really are."""

FAMILY_NAMES = [
    # Weighted roughly as in the population: Nguyễn alone is about 38%.
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 3),
    ("Phan", 4), ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
    ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Trương", 1), ("Đoàn", 1),
    ("Lương", 1), ("Trịnh", 1), ("Mai", 1), ("Tạ", 1), ("Lưu", 1), ("Quách", 1), ("Hà", 1),
]

MALE_MIDDLE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Ngọc", "Xuân",
               "Đình", "Trọng", "Thanh", "Tuấn", "Gia", "Hoàng", "Bá", "Mạnh", "Tiến"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Kim", "Bích",
                 "Phương", "Hải", "Thùy", "Mỹ", "Diệu", "Khánh", "Quỳnh"]
MALE_GIVEN = ["Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hiếu",
              "Hòa", "Hùng", "Huy", "Khải", "Khang", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Lợi",
              "Mạnh", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Phước", "Quân",
              "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trí", "Trung",
              "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Xuân", "Ân", "Ẩn", "Đức", "Ưng", "Ý"]
FEMALE_GIVEN = ["An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Diệp", "Giang", "Hà",
                "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan",
                "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh",
                "Sương", "Tâm", "Thảo", "Thơ", "Thủy", "Trang", "Trâm", "Tuyết", "Uyên", "Vân",
                "Vy", "Xuân", "Yến", "Ấu", "Ổn"]

# Names of hamlets, villages and quarters, as real ones are.
PLACE_WORDS = ["Tân Hòa", "Lại Xá", "Phú Mỹ", "An Lạc", "Bình Thạnh", "Đông Hưng", "Hòa Bình",
               "Thạnh Lợi", "Long Khánh", "Mỹ Phước", "Tân Thuận", "Trung Hậu", "Đại Đồng",
               "Yên Phú", "Quyết Tiến", "Thượng", "Hạ", "Đông", "Đoài", "Nam Sơn", "Bắc Sơn",
               "Vĩnh Phúc", "Phước Hưng", "Tân Lập", "Kim Sơn", "Hưng Đạo", "Thanh Xuân"]

STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt",
           "Quang Trung", "Phan Đình Phùng", "Nguyễn Du", "Hùng Vương", "Điện Biên Phủ",
           "Ngô Quyền", "Bà Triệu", "Hoàng Diệu", "Phúc Lợi", "Lạc Long Quân"]

OCCUPATIONS = ["Làm ruộng", "Buôn bán", "Công nhân", "Giáo viên", "Hưu trí", "Nội trợ",
               "Học sinh", "Sinh viên", "Cán bộ", "Lao động tự do", "Kinh doanh", "Thợ may",
               "Lái xe", "Bác sĩ", "Kỹ sư"]

ETHNICITIES = [("Kinh", 92), ("Tày", 2), ("Thái", 2), ("Mường", 2), ("Khmer", 1), ("Hoa", 1)]
RELIGIONS = [("", 80), ("Phật giáo", 12), ("Công giáo", 6), ("Cao Đài", 1), ("Tin Lành", 1)]

WORKPLACES = ["Đảng bộ Công an tỉnh", "Chi bộ Trường THCS Nguyễn Du", "Đảng bộ Bệnh viện Đa khoa tỉnh",
              "Chi bộ Chi cục Thuế khu vực", "Đảng bộ Sở Giáo dục và Đào tạo",
              "Chi bộ Ngân hàng Nông nghiệp chi nhánh", "Đảng bộ Quân sự tỉnh",
              "Chi bộ Trường Tiểu học Kim Đồng", "Đảng bộ Điện lực tỉnh", "Đảng bộ Sở Tài chính"]

AUTHORITIES = ["UBND xã", "Công an xã", "Ban Thường trực UBMTTQ xã", "Phòng Kinh tế",
               "Trung tâm Phục vụ hành chính công", "Điện lực khu vực", "Công ty Cấp nước",
               "Văn phòng Đăng ký đất đai chi nhánh"]

RECOMMENDATION_TEXTS = {
    "dat_dai": ["Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã đủ điều kiện",
                "Phản ánh việc lấn chiếm đất công tại đầu ngõ", "Đề nghị giải quyết tranh chấp ranh giới đất"],
    "van_hoa_xa_hoi": ["Đề nghị sửa chữa nhà văn hóa khu dân cư", "Phản ánh tiếng ồn karaoke về đêm",
                       "Đề nghị bổ sung sân chơi cho thiếu nhi"],
    "an_ninh_quoc_phong": ["Đề nghị tăng cường tuần tra ban đêm", "Phản ánh tình trạng trộm cắp vặt",
                           "Đề nghị lắp camera an ninh tại ngã ba"],
    "moi_truong": ["Phản ánh rác thải tồn đọng ven kênh", "Đề nghị nạo vét cống thoát nước",
                   "Phản ánh mùi hôi từ cơ sở chăn nuôi"],
    "giao_thong": ["Đề nghị sửa chữa mặt đường bị sụt lún", "Đề nghị lắp đèn chiếu sáng đường ngõ",
                   "Đề nghị cắm biển hạn chế tốc độ gần trường học"],
    "chinh_sach_an_sinh": ["Đề nghị xem xét hỗ trợ hộ cận nghèo", "Đề nghị giải quyết chế độ cho người có công",
                           "Đề nghị hỗ trợ thẻ bảo hiểm y tế cho người cao tuổi"],
    "khac": ["Đề nghị công khai các khoản đóng góp", "Đề nghị tổ chức tập huấn phòng cháy chữa cháy"],
}

ACHIEVEMENTS = [
    "Đã có thành tích xuất sắc trong thực hiện mô hình \"Tổ dân phòng liên kết\" năm {year}",
    "Đã có thành tích tiêu biểu trong công tác vận động nhân dân năm {year}",
    "Đã có thành tích xuất sắc trong phong trào \"Toàn dân đoàn kết xây dựng đời sống văn hóa\" năm {year}",
    "Đã có thành tích trong thực hiện quy chế phối hợp giữa Tổ trưởng tổ dân phố và Trưởng ban công tác Mặt trận năm {year}",
    "Đã có thành tích xuất sắc trong công tác hòa giải ở cơ sở năm {year}",
]

MEDIATION_SUBJECTS = ["Tranh chấp lối đi chung", "Mâu thuẫn gia đình", "Tranh chấp ranh giới đất",
                      "Xích mích giữa hàng xóm do tiếng ồn", "Tranh chấp nợ tiền", "Nước thải chảy sang nhà bên"]
