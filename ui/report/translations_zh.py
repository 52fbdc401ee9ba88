"""Chinese (zh_CN) text for the report, dashboard and export strings, keyed by (context, source).

The application's translations come from ui/i18n/zh_CN.ts (pyside6-lupdate / lrelease); this table
is what this feature's strings should read in Chinese, for whoever fills in the .ts file, and it
backs DictTranslator so tests (and a console without compiled .qm files) get a Chinese report.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

ZH_CN: dict[tuple[str, str], str] = {
    ("TownNames", "name_en"): "name",  # show the Chinese town names (ui/dashboard/town_names.py)
    ("ShiftReport", "Shift handover report"): "值班交接班报告",
    ("ShiftReport", "Shift"): "班次",
    ("ShiftReport", "Operators on duty"): "值班人员",
    ("ShiftReport", "Report made at"): "生成时间",
    ("ShiftReport", "Summary"): "概况",
    ("ShiftReport", "Received"): "接收",
    ("ShiftReport", "Still open"): "仍未办结",
    ("ShiftReport", "Overdue"): "已超时",
    ("ShiftReport", "Calls"): "通话",
    ("ShiftReport", "Alerts received, by category and severity"): "本班接收的告警（按类别和等级）",
    ("ShiftReport", "Category"): "类别",
    ("ShiftReport", "Total"): "合计",
    ("ShiftReport", "ID"): "编号",
    ("ShiftReport", "Title"): "标题",
    ("ShiftReport", "Severity"): "等级",
    ("ShiftReport", "State"): "状态",
    ("ShiftReport", "Town"): "镇街",
    ("ShiftReport", "Waiting for"): "待办环节",
    ("ShiftReport", "Deadline"): "时限",
    ("ShiftReport", "… and %1 more"): "……另有 %1 条",
    ("ShiftReport", "None."): "无。",
    ("ShiftReport", "Calls made"): "本班通话",
    ("ShiftReport", "Time"): "时间",
    ("ShiftReport", "Caller"): "呼叫人",
    ("ShiftReport", "Alert"): "告警",
    ("ShiftReport", "Duration"): "时长",
    ("ShiftReport", "Outcome"): "结果",
    ("ShiftReport", "Notable incidents"): "重点事件",
    ("ShiftReport", "No recorded steps."): "无处置记录。",
    ("ShiftReport", "Notes for the next shift"): "交接事项",
    ("ShiftReport", "(no town)"): "（无责任镇街）",
    ("ShiftReport", "Acknowledge"): "确认",
    ("ShiftReport", "Dispatch"): "派单",
    ("ShiftReport", "Feedback"): "反馈",
    ("ShiftReport", "Completed"): "已接通",
    ("ShiftReport", "No answer"): "无人接听",
    ("ShiftReport", "Busy"): "占线",
    ("ShiftReport", "Failed"): "失败",
    ("ShiftReport", "Missed"): "未接",
    ("ShiftReport", "Declined"): "拒接",
    ("ShiftReport", "Unknown"): "未知",
    ("ShiftReport", "Print shift handover report"): "打印值班交接班报告",
    ("DashboardPanel", "This shift"): "本班次",
    ("DashboardPanel", "Today"): "今日",
    ("DashboardPanel", "Last 7 days"): "近7天",
    ("DashboardPanel", "Last 30 days"): "近30天",
    ("DashboardPanel", "Custom…"): "自定义…",
    ("DashboardPanel", "Refresh"): "刷新",
    ("DashboardPanel", "Export chart…"): "导出图表…",
    ("DashboardPanel", "Period:"): "时段：",
    ("DashboardPanel", "Received"): "接收",
    ("DashboardPanel", "Open"): "未办结",
    ("DashboardPanel", "Overdue now"): "当前超时",
    ("DashboardPanel", "Response rate"): "响应率",
    ("DashboardPanel", "Resolution rate"): "解决率",
    ("DashboardPanel", "Satisfaction rate"): "满意率",
    ("DashboardPanel", "Alerts per hour by category"): "每小时告警量（按类别）",
    ("DashboardPanel", "Open by severity"): "未办结（按等级）",
    ("DashboardPanel", "Open by state"): "未办结（按状态）",
    ("DashboardPanel", "Median"): "中位数",
    ("DashboardPanel", "P90"): "90分位",
    ("DashboardPanel", "To acknowledge"): "确认用时",
    ("DashboardPanel", "To dispatch"): "派单用时",
    ("DashboardPanel", "To close"): "办结用时",
    ("DashboardPanel", "Overdue"): "超时",
    ("DashboardPanel", "Acknowledge late"): "确认超时",
    ("DashboardPanel", "Dispatch late"): "派单超时",
    ("DashboardPanel", "Feedback late"): "反馈超时",
    ("DashboardPanel", "Town"): "镇街",
    ("DashboardPanel", "Bounced"): "退单",
    ("DashboardPanel", "Mean handling time"): "平均办理时长",
    ("DashboardPanel", "(no town)"): "（无责任镇街）",
    ("DashboardPanel", "Updated %1"): "更新于 %1",
    ("Export", "Export alerts"): "导出告警",
    ("Export", "ID"): "编号",
    ("Export", "Received"): "接收时间",
    ("Export", "Category"): "类别",
    ("Export", "Severity"): "等级",
    ("Export", "State"): "状态",
    ("Export", "Title"): "标题",
    ("Export", "Town"): "镇街",
    ("Export", "Address"): "地址",
    ("Export", "Assignee"): "处理人",
    ("Export", "Acknowledge due"): "确认时限",
    ("Export", "Dispatch due"): "派单时限",
    ("Export", "Feedback due"): "反馈时限",
    ("Export", "Closed"): "办结时间",
    ("Export", "Satisfaction"): "满意度",
}


class DictTranslator(QTranslator):
    """A QTranslator backed by a {(context, source): text} table."""

    def __init__(self, table: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()
        self.table = dict(ZH_CN if table is None else table)

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null QString) means "not translated here"; an empty string would be taken as the
        # translation, and Qt's own strings (page size names, ...) would turn blank.
        return self.table.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return not self.table
