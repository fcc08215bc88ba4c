<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PipelinesView</name>
    <message>
        <source>Jobs wait in a pipeline (queue) until a worker is free. This is the sandbox account: a pipeline you add here is also created in the sandbox, which refuses jobs for queues it does not know. Counts are for jobs this app follows; “today” starts at midnight.</source>
        <translation>任务在队列中等待空闲的处理节点。这是沙盒账号：在这里添加的队列也会在沙盒中创建；沙盒会拒绝发往它不认识的队列的任务。统计只包括本程序跟踪的任务；“今天”从零点开始。</translation>
    </message>
</context>
<context>
    <name>PipelinesController</name>
    <message>
        <source>The sandbox could not create the pipeline “%1”: %2. Jobs sent to it will be refused. Remove it and add it again to retry.</source>
        <translation>沙盒无法创建队列“%1”：%2。发往该队列的任务会被拒绝。请移除后重新添加以重试。</translation>
    </message>
</context>
</TS>
