/* The task bodies of the task-switch test kernel (tasks.c; flat-start.S enters kernel_main): the
   code each task runs. A task resumes after the instruction that left it, so each body loops. */
        .text
/* Task J: entered by JMP, leaves by JMP back to the main task's TSS. */
        .globl task_j
task_j:
        call task_j_body
        ljmp $0x18, $0
        jmp task_j

/* Task B: entered by CALL (directly or through a task gate), leaves by IRET with NT set. */
        .globl task_b
task_b:
        call task_b_body
        iret
        jmp task_b

/* The double-fault task: the #DF error code is on its stack, the argument of task_df_body. */
        .globl task_df
task_df:
        call task_df_body
1:      cli
        hlt
        jmp 1b

/* The #PF handler: never reached, its frame cannot be pushed. */
        .globl page_fault
page_fault:
        cli
        hlt

/* Provokes the double fault: a store to an unmapped page with ESP in that page too. */
        .globl provoke_double_fault
provoke_double_fault:
        mov $0x300010, %esp
        movl $1, 0x300000
        jmp provoke_double_fault

