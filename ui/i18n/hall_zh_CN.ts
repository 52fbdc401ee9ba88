<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../report/export_dialog.py" line="46"/>
        <location filename="../report/report_html.py" line="110"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="46"/>
        <location filename="../report/report_html.py" line="94"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="46"/>
        <location filename="../report/report_html.py" line="107"/>
        <location filename="../report/report_html.py" line="110"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="46"/>
        <location filename="../report/report_html.py" line="110"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="47"/>
        <location filename="../report/report_html.py" line="110"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="47"/>
        <location filename="../report/report_html.py" line="110"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="47"/>
        <location filename="../report/report_html.py" line="110"/>
        <location filename="../report/report_html.py" line="139"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="47"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="48"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="48"/>
        <source>Acknowledge due</source>
        <translation>确认时限</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="48"/>
        <source>Dispatch due</source>
        <translation>派单时限</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="49"/>
        <source>Feedback due</source>
        <translation>反馈时限</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="49"/>
        <source>Closed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="49"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="50"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="50"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="50"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="50"/>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="51"/>
        <source>Acknowledged</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="51"/>
        <source>Dispatched</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="51"/>
        <location filename="../report/report_html.py" line="29"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="52"/>
        <source>Bounces</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="52"/>
        <source>Redos</source>
        <translation>重办次数</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="52"/>
        <source>Repeats</source>
        <translation>重复上报</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="115"/>
        <source>Export alerts</source>
        <translation>导出告警</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="116"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="116"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../report/pdf.py" line="58"/>
        <source>Shift handover report</source>
        <translation>值班交接班报告</translation>
    </message>
    <message>
        <location filename="../report/pdf.py" line="77"/>
        <source>Print shift handover report</source>
        <translation>打印值班交接班报告</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="29"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="29"/>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="33"/>
        <source>Completed</source>
        <translation>已接通</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="33"/>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="33"/>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="34"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="34"/>
        <source>Missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="34"/>
        <source>Declined</source>
        <translation>拒接</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="35"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="52"/>
        <source>(no town)</source>
        <translation>（无责任镇街）</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="94"/>
        <source>Still open</source>
        <translation>仍未办结</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="94"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="94"/>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="106"/>
        <location filename="../report/report_html.py" line="107"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="111"/>
        <source>Waiting for</source>
        <translation>待办环节</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="111"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="139"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="139"/>
        <source>Caller</source>
        <translation>呼叫人</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="139"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="139"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../report/report_html.py" line="139"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../actions/action_dialog.py" line="78"/>
        <source>Town:</source>
        <translation>镇街：</translation>
    </message>
    <message>
        <location filename="../actions/action_dialog.py" line="87"/>
        <source>Feedback due:</source>
        <translation>反馈时限：</translation>
    </message>
    <message>
        <location filename="../actions/action_dialog.py" line="98"/>
        <source>Citizen&apos;s satisfaction:</source>
        <translation>市民满意度：</translation>
    </message>
    <message>
        <location filename="../actions/action_dialog.py" line="107"/>
        <source>Operator:</source>
        <translation>值班员：</translation>
    </message>
    <message>
        <location filename="../actions/action_dialog.py" line="118"/>
        <source>Merge into:</source>
        <translation>合并到：</translation>
    </message>
</context>
<context>
    <name>AlertActions</name>
    <message>
        <location filename="../actions/alert_actions.py" line="86"/>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="86"/>
        <source>Assign to &amp;me</source>
        <translation>分配给我(&amp;M)</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="87"/>
        <source>Assign to &amp;operator…</source>
        <translation>分配给值班员(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="87"/>
        <source>&amp;Dispatch to town…</source>
        <translation>派单到镇街(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="88"/>
        <source>Record town &amp;signing</source>
        <translation>登记镇街签收(&amp;S)</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="88"/>
        <source>Record town &amp;feedback…</source>
        <translation>登记镇街反馈(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="89"/>
        <source>Record &amp;bounce-back…</source>
        <translation>登记退回(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="89"/>
        <source>&amp;Verify and close…</source>
        <translation>核查并办结(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="90"/>
        <source>&amp;Redo…</source>
        <translation>重办(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="90"/>
        <source>Re&amp;open…</source>
        <translation>重新打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="91"/>
        <source>Close as &amp;false alarm…</source>
        <translation>作为误报关闭(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="91"/>
        <source>Mer&amp;ge duplicates…</source>
        <translation>合并重复(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="92"/>
        <source>Add &amp;note…</source>
        <translation>添加备注(&amp;N)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../actions/alert_actions.py" line="144"/>
        <source>%n alerts selected</source>
        <translation>
            <numerusform>已选择 %n 条告警</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="151"/>
        <source>Dispatch to town</source>
        <translation>派单到镇街</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="151"/>
        <source>Instructions:</source>
        <translation>处置要求：</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="154"/>
        <source>Record the town&apos;s feedback</source>
        <translation>登记镇街反馈</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="154"/>
        <source>Feedback:</source>
        <translation>反馈内容：</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="156"/>
        <source>Record a bounce-back</source>
        <translation>登记退回</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="156"/>
        <location filename="../actions/alert_actions.py" line="161"/>
        <location filename="../actions/alert_actions.py" line="164"/>
        <location filename="../actions/alert_actions.py" line="166"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="158"/>
        <source>Verify and close</source>
        <translation>核查并办结</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="158"/>
        <source>Verification note:</source>
        <translation>核查说明：</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="161"/>
        <source>Redo: send back to the town</source>
        <translation>重办：退回镇街重新处置</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="164"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="166"/>
        <source>Close as false alarm</source>
        <translation>作为误报关闭</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="168"/>
        <source>Add a note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="168"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="170"/>
        <source>Assign to an operator</source>
        <translation>分配给值班员</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="175"/>
        <source>Merge duplicates</source>
        <translation>合并重复告警</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="176"/>
        <source>The other selected alerts (or this one) become duplicates of the alert chosen below.</source>
        <translation>其他选中的告警（或当前告警）将作为下方所选告警的重复上报合并。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="252"/>
        <source>#%1: %2 done</source>
        <translation>#%1：%2 已完成</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="257"/>
        <source>The hub did not answer: %1</source>
        <translation>中心服务器无响应：%1</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="259"/>
        <source>Not possible in the alert&apos;s current state.</source>
        <translation>告警当前状态下不能执行此操作。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="260"/>
        <source>Another operator changed this alert first.</source>
        <translation>其他值班员已先修改了这条告警。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="261"/>
        <source>You do not have permission for this.</source>
        <translation>您没有执行此操作的权限。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="262"/>
        <source>The hub refused the input.</source>
        <translation>中心服务器拒绝了输入内容。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="263"/>
        <source>The alert no longer exists.</source>
        <translation>该告警已不存在。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="264"/>
        <source>Not connected to the hub: nothing was sent.</source>
        <translation>未连接中心服务器：未发送任何内容。</translation>
    </message>
    <message>
        <location filename="../actions/alert_actions.py" line="265"/>
        <source>The hub refused the action.</source>
        <translation>中心服务器拒绝了此操作。</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../queue/alert_table_model.py" line="125"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="125"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="125"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="125"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="126"/>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="126"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="126"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="126"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../queue/alert_table_model.py" line="127"/>
        <source>Dupl.</source>
        <translation>重复</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <location filename="../call/controller.py" line="124"/>
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../call/controller.py" line="125"/>
        <source>microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../call/controller.py" line="126"/>
        <source>No %s on this workstation: sending a card with the alert and silence</source>
        <translation>本工作站没有%s：改为发送告警信息卡片和静音</translation>
    </message>
    <message>
        <location filename="../call/controller.py" line="127"/>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../call/controller.py" line="129"/>
        <source>No speaker on this workstation: the town cannot be heard</source>
        <translation>本工作站没有扬声器：听不到镇街的声音</translation>
    </message>
    <message>
        <location filename="../call/controller.py" line="171"/>
        <source>Command hall - no camera</source>
        <translation>指挥大厅 - 无摄像头</translation>
    </message>
    <message>
        <location filename="../call/controller.py" line="172"/>
        <source>Command hall</source>
        <translation>指挥大厅</translation>
    </message>
</context>
<context>
    <name>CallHistoryView</name>
    <message>
        <location filename="../call/history.py" line="20"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="20"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="20"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="20"/>
        <source>Caller</source>
        <translation>呼叫人</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="21"/>
        <source>Answered by</source>
        <translation>接听人</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="21"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="21"/>
        <source>Ended</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../call/history.py" line="39"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../call/panel.py" line="64"/>
        <source>Waiting for the town&apos;s video…</source>
        <translation>等待镇街视频…</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="80"/>
        <location filename="../call/panel.py" line="216"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="82"/>
        <location filename="../call/panel.py" line="220"/>
        <source>Camera off</source>
        <translation>关闭摄像头</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="84"/>
        <location filename="../call/panel.py" line="230"/>
        <source>Share the scene</source>
        <translation>共享现场画面</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="86"/>
        <source>Send the selected wall camera instead of this workstation&apos;s camera</source>
        <translation>发送视频墙选中的摄像机画面，代替本工作站摄像头</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="87"/>
        <source>Snapshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="88"/>
        <source>Attach a picture of the town&apos;s video to the alert</source>
        <translation>把镇街视频截图附加到告警</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="89"/>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="125"/>
        <source>Call: %s</source>
        <translation>通话：%s</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="125"/>
        <source>No call</source>
        <translation>无通话</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="128"/>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="129"/>
        <source>Ringing…</source>
        <translation>振铃中…</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="130"/>
        <source>Answered, connecting…</source>
        <translation>已接听，正在连接…</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="131"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="132"/>
        <location filename="../call/panel.py" line="149"/>
        <source>Network lost: reconnecting…</source>
        <translation>网络中断：正在重连…</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="133"/>
        <source>Call ended: %s</source>
        <translation>通话结束：%s</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="157"/>
        <source>hung up</source>
        <translation>已挂断</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="158"/>
        <source>declined by the town</source>
        <translation>镇街拒接</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="159"/>
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="160"/>
        <source>the town is busy</source>
        <translation>镇街忙</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="161"/>
        <source>the town is offline</source>
        <translation>镇街离线</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="162"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="163"/>
        <source>network failure</source>
        <translation>网络故障</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="164"/>
        <source>media failure</source>
        <translation>媒体故障</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="165"/>
        <source>the town went offline</source>
        <translation>镇街已离线</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="166"/>
        <source>this console went offline</source>
        <translation>本控制台已离线</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="167"/>
        <source>the hub cannot be reached</source>
        <translation>无法连接中心服务器</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="168"/>
        <source>unknown town</source>
        <translation>未知镇街</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="173"/>
        <source>RTT %s · loss %.1f%% · in %d kb/s · out %d kb/s · %d fps</source>
        <translation>往返 %s · 丢包 %.1f%% · 下行 %d kb/s · 上行 %d kb/s · %d 帧/秒</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="179"/>
        <source>The town&apos;s network is down: reconnecting…</source>
        <translation>镇街网络中断：正在重连…</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="185"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="185"/>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="185"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="216"/>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="220"/>
        <source>Camera on</source>
        <translation>打开摄像头</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="228"/>
        <source>Select a live camera on the wall to share it</source>
        <translation>请先在视频墙上选择一路实时画面再共享</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="230"/>
        <source>Back to my camera</source>
        <translation>切回我的摄像头</translation>
    </message>
    <message>
        <location filename="../call/panel.py" line="234"/>
        <source>No picture from the town yet</source>
        <translation>尚未收到镇街画面</translation>
    </message>
</context>
<context>
    <name>CameraList</name>
    <message>
        <location filename="../video/camera_list.py" line="35"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../dashboard/panel.py" line="129"/>
        <source>This shift</source>
        <translation>本班次</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="129"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="129"/>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="130"/>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="130"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="141"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="143"/>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="147"/>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="157"/>
        <location filename="../dashboard/panel.py" line="199"/>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="158"/>
        <location filename="../dashboard/panel.py" line="199"/>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="159"/>
        <source>Overdue now</source>
        <translation>当前超时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="160"/>
        <source>Response rate</source>
        <translation>响应率</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="161"/>
        <source>Resolution rate</source>
        <translation>解决率</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="162"/>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="168"/>
        <source>Alerts per hour by category</source>
        <translation>每小时告警量（按类别）</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="170"/>
        <source>Open by severity</source>
        <translation>未办结（按等级）</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="172"/>
        <source>Open by state</source>
        <translation>未办结（按状态）</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="178"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="178"/>
        <source>P90</source>
        <translation>90分位</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="179"/>
        <source>To acknowledge</source>
        <translation>确认用时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="179"/>
        <source>To dispatch</source>
        <translation>派单用时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="180"/>
        <source>To close</source>
        <translation>办结用时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="182"/>
        <location filename="../dashboard/panel.py" line="199"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="183"/>
        <source>Acknowledge late</source>
        <translation>确认超时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="183"/>
        <source>Dispatch late</source>
        <translation>派单超时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="184"/>
        <source>Feedback late</source>
        <translation>反馈超时</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="199"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="199"/>
        <source>Bounced</source>
        <translation>退单</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="200"/>
        <source>Mean handling time</source>
        <translation>平均办理时长</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="249"/>
        <source>The end of the period must be after its start.</source>
        <translation>时段结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="268"/>
        <source>Could not refresh: %1</source>
        <translation>刷新失败：%1</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="320"/>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="327"/>
        <source>Open alerts past a deadline they have not met</source>
        <translation>已超过时限且未完成的未办结告警</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="329"/>
        <source>Acknowledged within the deadline, of the alerts whose acknowledge step can be judged</source>
        <translation>在可判定确认环节的告警中，按时确认的比例</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="331"/>
        <source>Closed, of the alerts received (false alarms and merged left out)</source>
        <translation>在接收的告警中已办结的比例（不含误报和已合并）</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="332"/>
        <source>Satisfied or basically satisfied, of the hotline orders whose citizen was reached on the return visit</source>
        <translation>在回访联系到市民的热线工单中，满意或基本满意的比例</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="359"/>
        <source>(no town)</source>
        <translation>（无责任镇街）</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="412"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../dashboard/panel.py" line="413"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../detail/detail_panel.py" line="70"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="70"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="70"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="70"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="90"/>
        <source>Timeline (newest first)</source>
        <translation>处置记录（最新在前）</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="104"/>
        <source>Severity:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="104"/>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="104"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="105"/>
        <source>Assignee:</source>
        <translation>处理人：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="105"/>
        <source>Responsible town:</source>
        <translation>责任镇街：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="106"/>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="106"/>
        <source>Camera:</source>
        <translation>摄像机：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="107"/>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="107"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="108"/>
        <source>Occurred:</source>
        <translation>发生时间：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="108"/>
        <source>Received:</source>
        <translation>接收时间：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="109"/>
        <source>Acknowledge by:</source>
        <translation>确认时限：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="109"/>
        <source>Dispatch by:</source>
        <translation>派单时限：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="110"/>
        <source>Feedback by:</source>
        <translation>反馈时限：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="110"/>
        <source>Closed:</source>
        <translation>办结时间：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="111"/>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="111"/>
        <source>Duplicates:</source>
        <translation>重复上报：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="112"/>
        <source>Bounced / redone:</source>
        <translation>退回 / 重办：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="112"/>
        <source>Source details:</source>
        <translation>来源信息：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="113"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="122"/>
        <source>No alert selected</source>
        <translation>未选择告警</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="141"/>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="143"/>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="148"/>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="162"/>
        <source>(last seen %1)</source>
        <translation>（最近一次 %1）</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="164"/>
        <source>merged into #%1</source>
        <translation>已合并到 #%1</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="180"/>
        <source>met</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="184"/>
        <source>overdue by %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="187"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../detail/detail_panel.py" line="244"/>
        <source>image unavailable</source>
        <translation>图片不可用</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../report/export_dialog.py" line="79"/>
        <source>Export alerts</source>
        <translation>导出告警</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="89"/>
        <source>CSV (UTF-8, opens in Excel and WPS)</source>
        <translation>CSV（UTF-8，可用 Excel 和 WPS 打开）</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="90"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <location filename="../report/export_dialog.py" line="95"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../queue/filter_bar.py" line="25"/>
        <source>Search title, town, address, #id  ( / )</source>
        <translation>搜索标题、镇街、地址、#编号  ( / )</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="27"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="28"/>
        <source>All severities</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="29"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="30"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="31"/>
        <source>Anyone</source>
        <translation>全部处理人</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="34"/>
        <source>Click to drop the period filter</source>
        <translation>单击取消时段筛选</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="37"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="61"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../queue/filter_bar.py" line="87"/>
        <source>Received %1 – %2  ✕</source>
        <translation>接收时间 %1 – %2  ✕</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../labels.py" line="17"/>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../labels.py" line="17"/>
        <source>Major</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../labels.py" line="18"/>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../labels.py" line="18"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../labels.py" line="23"/>
        <source>Hazmat vehicle</source>
        <translation>危化品车辆</translation>
    </message>
    <message>
        <location filename="../labels.py" line="24"/>
        <source>Illegal construction</source>
        <translation>违章建设</translation>
    </message>
    <message>
        <location filename="../labels.py" line="25"/>
        <source>Hotline order</source>
        <translation>热线工单</translation>
    </message>
    <message>
        <location filename="../labels.py" line="25"/>
        <source>Camera fault</source>
        <translation>摄像机故障</translation>
    </message>
    <message>
        <location filename="../labels.py" line="26"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <source>New</source>
        <translation>新告警</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <location filename="../labels.py" line="39"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <location filename="../labels.py" line="40"/>
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <location filename="../labels.py" line="32"/>
        <source>Signed</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../labels.py" line="32"/>
        <source>Handled</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../labels.py" line="32"/>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../labels.py" line="33"/>
        <source>False alarm</source>
        <translation>误报</translation>
    </message>
    <message>
        <location filename="../labels.py" line="33"/>
        <location filename="../labels.py" line="44"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../labels.py" line="38"/>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../labels.py" line="38"/>
        <source>Reported again</source>
        <translation>重复上报</translation>
    </message>
    <message>
        <location filename="../labels.py" line="39"/>
        <source>Assigned</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../labels.py" line="40"/>
        <source>Signed by the town</source>
        <translation>镇街签收</translation>
    </message>
    <message>
        <location filename="../labels.py" line="41"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../labels.py" line="41"/>
        <source>Bounced back</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../labels.py" line="42"/>
        <source>Verified and closed</source>
        <translation>核查办结</translation>
    </message>
    <message>
        <location filename="../labels.py" line="42"/>
        <source>Redo</source>
        <translation>重办</translation>
    </message>
    <message>
        <location filename="../labels.py" line="43"/>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../labels.py" line="43"/>
        <source>Closed as false alarm</source>
        <translation>作为误报关闭</translation>
    </message>
    <message>
        <location filename="../labels.py" line="44"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../labels.py" line="44"/>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../labels.py" line="45"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../labels.py" line="45"/>
        <source>Recovered</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../labels.py" line="50"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../labels.py" line="50"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../labels.py" line="51"/>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../labels.py" line="51"/>
        <source>Unreachable</source>
        <translation>无法联系</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../login_dialog.py" line="13"/>
        <source>Command Hall Console — log in</source>
        <translation>指挥大厅值班台 — 登录</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="23"/>
        <source>Hub:</source>
        <translation>中心服务器：</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="24"/>
        <source>Operator:</source>
        <translation>值班员：</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="25"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="27"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="60"/>
        <location filename="../main_window.py" line="590"/>
        <source>Command Hall Console</source>
        <translation>指挥大厅值班台</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="108"/>
        <source>&amp;Search the queue</source>
        <translation>搜索告警队列(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109"/>
        <source>Back to the &amp;queue</source>
        <translation>回到告警队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键一览(&amp;K)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="113"/>
        <source>&amp;Mute the alarm for me</source>
        <translation>为我静音警报(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116"/>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>&amp;Export the shown alerts…</source>
        <translation>导出当前显示的告警(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119"/>
        <source>Shift &amp;handover report…</source>
        <translation>交接班报告(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>&amp;Refresh the timeline</source>
        <translation>刷新处置记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>&amp;Clear filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>Next view</source>
        <translation>下一个视图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132"/>
        <source>Previous view</source>
        <translation>上一个视图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>&amp;Alert</source>
        <translation>告警(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Al&amp;arm</source>
        <translation>警报(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>Dashboard</source>
        <translation>态势看板</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>&amp;Call town</source>
        <translation>呼叫镇街(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>Login refused</source>
        <translation>登录被拒绝</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>The hub refused the login: %1</source>
        <translation>中心服务器拒绝登录：%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="403"/>
        <source>Snapshot attached to #%1</source>
        <translation>截图已附加到 #%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="414"/>
        <source>Illegal construction seen on camera %1</source>
        <translation>摄像机 %1 发现疑似违章建设</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="418"/>
        <source>Alert #%1 created from the snapshot</source>
        <translation>已根据截图创建告警 #%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="436"/>
        <source>This alert has no responsible town to call.</source>
        <translation>该告警没有可呼叫的责任镇街。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="509"/>
        <source>Move through the queue</source>
        <translation>在告警队列中移动</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="510"/>
        <source>Select several alerts</source>
        <translation>选择多条告警</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="511"/>
        <source>From the search box back to the queue</source>
        <translation>从搜索框回到告警队列</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="512"/>
        <source>Next field in a dialog</source>
        <translation>对话框中的下一项</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="513"/>
        <source>Confirm a dialog from the text field</source>
        <translation>在文本框中确认对话框</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="535"/>
        <source>%n alerts exported to %1</source>
        <translation>
            <numerusform>已导出 %n 条告警到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="573"/>
        <source>⊘ ALARM MUTED</source>
        <translation>⊘ 警报已静音</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="576"/>
        <source>⚠ ALARM: %n critical unacknowledged</source>
        <translation>
            <numerusform>⚠ 警报：%n 条特急告警未确认</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="579"/>
        <source>○ Alarm on</source>
        <translation>○ 警报开启</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="582"/>
        <source>(%n critical waiting)</source>
        <translation>
            <numerusform>（%n 条特急告警待确认）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="585"/>
        <source>Click or Ctrl+Shift+M to mute or unmute the alarm for %1</source>
        <translation>单击或按 Ctrl+Shift+M 为 %1 静音或取消静音</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../queue/queue_panel.py" line="119"/>
        <source>Unacknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../queue/queue_panel.py" line="119"/>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../queue/queue_panel.py" line="120"/>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../queue/queue_panel.py" line="120"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../queue/queue_panel.py" line="120"/>
        <source>All open</source>
        <translation>全部未办结</translation>
    </message>
    <message>
        <location filename="../queue/queue_panel.py" line="121"/>
        <source>Closed today</source>
        <translation>今日已办结</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="25"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="32"/>
        <source>Mute the critical-alert alarm for me</source>
        <translation>为我静音特急告警警报</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="34"/>
        <source>Language and hub changes take effect the next time the console starts.</source>
        <translation>语言和中心服务器的更改将在下次启动值班台时生效。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="37"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="38"/>
        <source>Hub URL:</source>
        <translation>中心服务器地址：</translation>
    </message>
</context>
<context>
    <name>ShiftReportDialog</name>
    <message>
        <location filename="../report/dialog.py" line="53"/>
        <source>Shift handover report</source>
        <translation>值班交接班报告</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="61"/>
        <source>What the next shift must know…</source>
        <translation>下一班需要知道的事项…</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="65"/>
        <source>Open previous report</source>
        <translation>打开上一份交班报告</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="73"/>
        <source>Operators on duty:</source>
        <translation>当班值班员：</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="74"/>
        <source>Notes for the next shift:</source>
        <translation>给下一班的交代：</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="76"/>
        <source>Update preview</source>
        <translation>更新预览</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="76"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="77"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="77"/>
        <source>Hand over (save with shift)</source>
        <translation>交班（随班次保存）</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="120"/>
        <source>No earlier report.</source>
        <translation>没有更早的报告。</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="122"/>
        <source>(no notes)</source>
        <translation>（无交代）</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="123"/>
        <source>Previous shift (%1): %2</source>
        <translation>上一班（%1）：%2</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="144"/>
        <source>Save report as PDF</source>
        <translation>将报告保存为 PDF</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="145"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="161"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../report/dialog.py" line="166"/>
        <source>Saved with the shift.</source>
        <translation>已随班次保存。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../shortcuts_dialog.py" line="14"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
    </message>
    <message>
        <location filename="../shortcuts_dialog.py" line="22"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../shortcuts_dialog.py" line="22"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>TownNames</name>
    <message>
        <location filename="../dashboard/town_names.py" line="16"/>
        <source>name_en</source>
        <translation>name</translation>
    </message>
</context>
<context>
    <name>TownPicker</name>
    <message>
        <location filename="../call/town_picker.py" line="12"/>
        <source>Call which town?</source>
        <translation>呼叫哪个镇街？</translation>
    </message>
    <message>
        <location filename="../call/town_picker.py" line="14"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../call/town_picker.py" line="14"/>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <location filename="../call/town_picker.py" line="14"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>TownWindow</name>
    <message>
        <location filename="../call/town_window.py" line="42"/>
        <source>Town duty desk</source>
        <translation>镇街值班台</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="60"/>
        <location filename="../call/town_window.py" line="143"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="66"/>
        <source>On duty, waiting for calls from the command hall…</source>
        <translation>值班中，等待指挥大厅来电…</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="74"/>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="77"/>
        <source>On site, handling it</source>
        <translation>已在现场处置</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="77"/>
        <source>Busy with another incident</source>
        <translation>正在处理其他事件</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="78"/>
        <source>Not our town</source>
        <translation>不属于本镇街</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="79"/>
        <source>Decline</source>
        <translation>拒接</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="91"/>
        <location filename="../call/town_window.py" line="156"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="96"/>
        <location filename="../call/town_window.py" line="190"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="98"/>
        <location filename="../call/town_window.py" line="196"/>
        <source>Camera off</source>
        <translation>关闭摄像头</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="100"/>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="143"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="143"/>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="147"/>
        <source>Call from the command hall: %s</source>
        <translation>指挥大厅来电：%s</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="161"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="163"/>
        <source>Network lost: reconnecting…</source>
        <translation>网络中断：正在重连…</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="165"/>
        <source>The hall&apos;s network is down: reconnecting…</source>
        <translation>指挥大厅网络中断：正在重连…</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="167"/>
        <source>hung up</source>
        <translation>已挂断</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="167"/>
        <source>declined</source>
        <translation>已拒接</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="167"/>
        <source>missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="168"/>
        <source>cancelled by the hall</source>
        <translation>指挥大厅已取消</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="168"/>
        <source>network failure</source>
        <translation>网络故障</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="169"/>
        <source>media failure</source>
        <translation>媒体故障</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="169"/>
        <source>the hall went offline</source>
        <translation>指挥大厅已离线</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="171"/>
        <source>answered by another desk</source>
        <translation>已由其他值班台接听</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="172"/>
        <source>Call ended: %s</source>
        <translation>通话结束：%s</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="190"/>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <location filename="../call/town_window.py" line="196"/>
        <source>Camera on</source>
        <translation>打开摄像头</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../video/tile.py" line="46"/>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="47"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="48"/>
        <source>Stalled</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="49"/>
        <source>Frozen</source>
        <translation>画面冻结</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="50"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="51"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="58"/>
        <source>Wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="59"/>
        <source>The camera has no stream at this address</source>
        <translation>摄像机上没有这个地址的视频流</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="60"/>
        <source>No such video file</source>
        <translation>视频文件不存在</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="61"/>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="62"/>
        <source>Unknown host name</source>
        <translation>主机名无法解析</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="63"/>
        <source>No answer from the camera</source>
        <translation>摄像机无响应</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="64"/>
        <source>Connected, but no video came</source>
        <translation>已连接，但没有视频</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="65"/>
        <source>The stream broke off</source>
        <translation>视频流中断</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="66"/>
        <source>Unsupported video address</source>
        <translation>不支持的视频地址</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="67"/>
        <source>Cannot open the stream</source>
        <translation>无法打开视频流</translation>
    </message>
    <message>
        <location filename="../video/tile.py" line="340"/>
        <location filename="../video/tile.py" line="417"/>
        <source>Drop a camera here</source>
        <translation>把摄像机拖到这里</translation>
    </message>
    <message numerus="yes">
        <location filename="../video/tile.py" line="425"/>
        <source>Offline, retrying in %n s</source>
        <translation>
            <numerusform>离线，%n 秒后重试</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VideoWallPanel</name>
    <message>
        <location filename="../video/panel.py" line="83"/>
        <source>Filter cameras</source>
        <translation>筛选摄像机</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="93"/>
        <source>%1 tiles</source>
        <translation>%1 画面</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="93"/>
        <source>1 tile</source>
        <translation>1 画面</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="102"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="104"/>
        <location filename="../video/panel.py" line="265"/>
        <source>Start tour</source>
        <translation>开始轮巡</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="108"/>
        <source>Previous page (PageUp)</source>
        <translation>上一页 (PageUp)</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="112"/>
        <source>Next page (PageDown)</source>
        <translation>下一页 (PageDown)</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="115"/>
        <source>Snapshot (F9)</source>
        <translation>截图 (F9)</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="118"/>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="126"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="129"/>
        <source>Tour</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="193"/>
        <source>All cameras</source>
        <translation>全部摄像机</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="218"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="265"/>
        <source>Stop tour</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="266"/>
        <source>Touring</source>
        <translation>轮巡中</translation>
    </message>
    <message>
        <location filename="../video/panel.py" line="266"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
</TS>
