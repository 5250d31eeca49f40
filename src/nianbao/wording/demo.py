"""What nianbao.demo says to a user: named texts, and ``str.format`` templates with named fields."""

from __future__ import annotations

COUNTY = "示例县"
GOVERNMENT_OFFICE = "县政府办公室"
EDUCATION_BUREAU = "县教育局"
NATURAL_RESOURCES_BUREAU = "县自然资源局"
MARKET_REGULATION_BUREAU = "县市场监督管理局"
CHENGGUAN_TOWN = "城关镇人民政府"
DONGHU_SUBDISTRICT = "东湖街道办事处"
BAICHENG_SAMPLE = "柏城街道办事处-2021年报.xlsx"
NARRATIVE_OVERVIEW_ACTIVE = "{office}{year}年通过政府门户网站主动公开政府信息，制发行政规范性文件 {normative} 件。"
NARRATIVE_OVERVIEW_REQUEST = "全年共受理政府信息公开申请 {new} 件，办结 {done} 件，结转下年度继续办理 {forward} 件。"
#: each sample office's own wording of 一's （三）（四）（五） and of 五 (offices write their own year: two
#: offices with the same text are warned of, NARR-SAME-OFFICE)
NARRATIVE_WORK = {
    GOVERNMENT_OFFICE: (
        "牵头修订全县政府信息公开审查办法，对拟公开信息逐条开展保密审查。",
        "升级县政府门户网站政府信息公开专栏，统一全县各单位栏目设置。",
        "把政务公开工作纳入全县综合目标考核，全年组织专题培训两期。",
        "部分单位栏目更新不及时，内容较为单一。下一步将开展季度检查并通报结果。"),
    EDUCATION_BUREAU: (
        "建立招生入学、学校收费等信息的审核台账，落实专人负责。",
        "在局网站开设招生入学专栏，通过微信公众号同步推送重要通知。",
        "邀请家长代表参与政务公开评议，对群众反映的问题逐一回复。",
        "政策解读形式不够丰富。下一步将多用图解、问答等方式解读教育政策。"),
    NATURAL_RESOURCES_BUREAU: (
        "对规划许可、土地出让等信息实行分级审核，统一发布口径。",
        "依托不动产登记大厅电子屏和局网站公开办事指南和审批结果。",
        "聘请社会监督员，定期听取对自然资源领域公开工作的意见。",
        "征地信息公开的深度还不够。下一步将细化征收补偿信息的公开内容。"),
    MARKET_REGULATION_BUREAU: (
        "梳理行政许可、行政处罚等执法信息的公开清单，按规定时限公开。",
        "在企业信用信息公示系统中及时归集和公示行政处罚决定。",
        "对执法信息公开情况开展两次专项检查，发现的问题当即整改。",
        "食品抽检信息的发布还不够及时。下一步将压缩抽检结果的公开时限。"),
    CHENGGUAN_TOWN: (
        "落实村务、财务信息公开审核制度，由镇党政办统一把关。",
        "在各村设置公开栏，并在县政府门户网站镇政府专栏发布信息。",
        "镇纪委对惠民资金公开情况进行监督，全年开展抽查四次。",
        "个别村公开栏内容更新慢。下一步将把公开栏更新纳入村干部考核。"),
    DONGHU_SUBDISTRICT: (
        "规范社区事务公开内容，街道办公室每月审核一次。",
        "利用社区微信群和公开栏发布惠民政策、办事流程等信息。",
        "组织居民代表对社区公开事项进行评议，听取群众意见建议。",
        "老旧小区改造等居民关心的信息公开还不够细。下一步将分小区公开改造进度。"),
}
NARRATIVE_OTHER = "本年度未收取信息处理费。"
NARRATIVE_FEE_NOTICES = "本年度发出收费通知 {n} 件，申请人逾期未缴纳费用，未收取信息处理费。"
NARRATIVE_NONE = "无。"
CHECKED_N_WORKBOOKS = "已检查 {n_results} 个工作簿（nianbao check）："
OFFICE_CHECK_LINE = "  {office}：{status}（错误 {errors} 处，警告 {warnings} 处）"
SENDBACK_DIR = "退回修改"
WROTE_ANNOTATED_COPY = "    已生成标注了问题的副本（退回单位修改用）：{output}"
OUTPUT_DIR_LINE = "演示输出目录：{out_dir}"
TEMPLATES_DIR = "模板"
WROTE_BLANK_TEMPLATE = "已生成空白模板：{path}（{name}）"
WROTE_SAMPLE_WORKBOOKS = "已生成{county} {n_offices} 个单位填好的示例工作簿（{year} 年度），写入 {folder}；其中“{broken_office}”表三故意填错一处（一 + 二 ≠ （七）总计 + 四），用于演示校验"
REAL_SAMPLE_DIR = "真实年报示例"
COPIED_REAL_SAMPLE = "已复制真实年报示例（西平县柏城街道办事处 2021 年度，河南格式）：{target}"
SUMMARY_FILENAME = "{county}{year}年度汇总.xlsx"
MERGED_COUNTY = "已汇总{county} {n_rows} 个单位的报告：{summary}（“状态”表列出提交情况，“明细”表列出各单位数字）"
PUBLISHED_DIR = "发布稿"
REPORT_DOCX_FILENAME = "{office}{year}年政府信息公开工作年度报告.docx"
WROTE_PUBLISHED_REPORT = "已生成“{office}”对外发布的年度报告文档：{doc}"
DONE_OPEN_FILES = "完成。用 Excel、WPS 或 LibreOffice 打开上述文件查看；“校验”表显示各项勾稽关系是否满足。"
SEE_INBOX_IN_BROWSER = "在浏览器中查看收件箱（看板、各单位的版本和改动、汇总下载）：nianbao serve --db {db}，然后打开 http://127.0.0.1:8000/"
RESENT_DIR = "重新提交"
ROSTER_CSV_HEADER = "单位名称,单位类别,联系人,联系电话"
ROSTER_CSV_ROW = "{name},{category},联系人{number},0396-55{number:02d}"
DEMO_ACTOR = "演示"
ROSTER_FILENAME = "名单.csv"
INBOX_CREATED = "已建立收件箱 {db}，导入名单 {n} 个单位（nianbao inbox roster）"
SOURCE_EMAIL = "邮件"
FILES_ADDED = "已收入 {n_got} 个文件（nianbao inbox add）："
RETURN_NOTE = "表三第一列“一 + 二 = （七）总计 + 四”不成立，请核对本年新收申请数后重新报送"
RETURNED_OFFICE = "已退回“{broken}”（nianbao inbox return）：{note}"
SOURCE_WECHAT = "微信"
RESUBMITTED = "“{broken}”重新提交了修改后的文件 {resent}：{message}"
CHANGE_LINE = "  改动：{where}：{old} → {new}"
INBOX_STATUS_HEADING = "收件箱状态（nianbao inbox status --db {db}）："
SAMPLE_OFFICE = "示例单位"
SAMPLE_PREPARER = "张三"
