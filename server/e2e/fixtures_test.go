package e2e

import (
	commonpb "go.temporal.io/api/common/v1"
	namespacepb "go.temporal.io/api/namespace/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
)

func workflowType() *commonpb.WorkflowType { return &commonpb.WorkflowType{Name: "PayrollWorkflow"} }

func taskQueue() *taskqueuepb.TaskQueue { return &taskqueuepb.TaskQueue{Name: "payroll-tq"} }

func namespaceUpdate() *namespacepb.UpdateNamespaceInfo {
	return &namespacepb.UpdateNamespaceInfo{Description: "payroll, updated by payroll-admins"}
}

func workflowExecution(id string) *commonpb.WorkflowExecution {
	return &commonpb.WorkflowExecution{WorkflowId: id}
}
